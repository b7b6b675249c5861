package org.esignonbridge.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Migrates the schema at start. V8 (raw_body may be NULL) was once a Java migration and is now one
 * SQL file per vendor with the same effect: a database that ran the Java V8 has it recorded with
 * another type and no checksum, which Flyway's validation refuses. Its history row is recorded once
 * as the SQL V8 it stands for (Flyway's repair would mark it deleted and run V8 again, a table
 * rebuild on MariaDB).
 */
@Component
public class SchemaMigration implements FlywayMigrationStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    @Override
    public void migrate(Flyway flyway) {
        recordJavaV8AsSql(flyway);
        flyway.migrate();
    }

    private static void recordJavaV8AsSql(Flyway flyway) {
        MigrationInfo[] migrations = flyway.info().all();
        Optional<MigrationInfo> javaV8 = v8(migrations, m -> m.getType() == CoreMigrationType.JDBC && m.getState().isApplied());
        Optional<MigrationInfo> sqlV8 = v8(migrations, m -> m.getType() == CoreMigrationType.SQL && !m.getState().isApplied());
        if (javaV8.isEmpty() || sqlV8.isEmpty()) {
            return;
        }
        Configuration configuration = flyway.getConfiguration();
        JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
        String quote = jdbc.execute((ConnectionCallback<String>) connection -> connection.getMetaData().getIdentifierQuoteString());
        String schema = configuration.getDefaultSchema() != null ? configuration.getDefaultSchema()
                : configuration.getSchemas().length > 0 ? configuration.getSchemas()[0] : null;
        String table = (schema == null ? "" : quote + schema + quote + ".") + quote + configuration.getTable() + quote;
        jdbc.update(("UPDATE " + table + " SET %1$stype%1$s = 'SQL', %1$schecksum%1$s = ?, %1$sscript%1$s = ?"
                + " WHERE %1$sversion%1$s = '8' AND %1$stype%1$s = 'JDBC'").formatted(quote),
                sqlV8.get().getChecksum(), sqlV8.get().getScript());
        LOG.info("Schema history: V8 ran as a Java migration, recorded now as the SQL migration that replaced it");
    }

    private static Optional<MigrationInfo> v8(MigrationInfo[] migrations, Predicate<MigrationInfo> kind) {
        return Arrays.stream(migrations)
                .filter(m -> m.getVersion() != null && "8".equals(m.getVersion().getVersion()) && kind.test(m))
                .findFirst();
    }
}
