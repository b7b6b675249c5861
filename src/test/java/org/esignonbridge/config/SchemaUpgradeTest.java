package org.esignonbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Statement;
import java.util.Arrays;

import org.esignonbridge.support.OnEveryDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V8 was a Java migration and is now one SQL migration per vendor: a database that ran the Java V8
 * still starts, and one migrated from scratch gets the same schema. On the suite's database
 * (test.database.url), in a schema of its own.
 */
@OnEveryDatabase
class SchemaUpgradeTest {

    private static final String SCHEMA = "esignon_upgrade_v8";

    private final String url = System.getProperty("test.database.url", "jdbc:h2:mem:upgrade-v8;DB_CLOSE_DELAY=-1");
    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(url,
            System.getProperty("test.database.username", "sa"), System.getProperty("test.database.password", ""));

    @BeforeEach
    @AfterEach
    void dropTheSchema() {
        product().load().clean();
    }

    @Test
    void aDatabaseThatRanTheJavaV8StartsAndIsRecordedWithTheSqlV8() {
        product().target("7").load().migrate();
        // the release before: V8 in Java, no vendor V8 file
        product().locations("classpath:db/migration").javaMigrations(new V8__raw_body_can_be_cleared())
                .validateOnMigrate(false).load().migrate();
        assertThat(v8(product().load()).getType()).isEqualTo(CoreMigrationType.JDBC);

        Flyway flyway = product().load();
        new SchemaMigration().migrate(flyway);

        assertThat(v8(flyway).getType()).isEqualTo(CoreMigrationType.SQL);
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
        assertThat(flyway.info().pending()).isEmpty();
        assertRawBodyMayBeCleared();
    }

    @Test
    void aNewDatabaseGetsTheSqlV8() {
        Flyway flyway = product().load();
        new SchemaMigration().migrate(flyway);

        assertThat(v8(flyway).getType()).isEqualTo(CoreMigrationType.SQL);
        assertRawBodyMayBeCleared();
    }

    /** As the product configures Flyway: spring.flyway.locations with {vendor} resolved, and SchemaVendorTypes. */
    private FluentConfiguration product() {
        String vendor = DatabaseDriver.fromJdbcUrl(url).getId();
        FluentConfiguration configuration = Flyway.configure().dataSource(dataSource).schemas(SCHEMA).cleanDisabled(false)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor);
        new SchemaVendorTypes().customize(configuration);
        return configuration;
    }

    private static MigrationInfo v8(Flyway flyway) {
        return Arrays.stream(flyway.info().applied()).filter(m -> m.getVersion() != null && "8".equals(m.getVersion().getVersion())).findFirst().orElseThrow();
    }

    private void assertRawBodyMayBeCleared() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String quote = jdbc.execute((ConnectionCallback<String>) connection -> connection.getMetaData().getIdentifierQuoteString());
        String table = quote + SCHEMA + quote + ".esignon_export";
        jdbc.update("INSERT INTO " + table + " (dedupe_key, received_at, wfuid, worktype, status, embed_mode, passed, raw_body)"
                + " VALUES ('k', TIMESTAMP '2026-11-04 10:00:00', 'doc', 'CF', 'Complete', FALSE, TRUE, '{}')");
        assertThat(jdbc.update("UPDATE " + table + " SET raw_body = NULL")).isEqualTo(1);
    }

    /** The Java V8 as it shipped before it became vendor SQL. */
    static class V8__raw_body_can_be_cleared extends BaseJavaMigration {

        @Override
        public void migrate(Context context) throws Exception {
            String database = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase();
            String sql = database.contains("mariadb") || database.contains("mysql")
                    ? "ALTER TABLE esignon_export MODIFY raw_body LONGTEXT NULL"
                    : "ALTER TABLE esignon_export ALTER COLUMN raw_body DROP NOT NULL";
            try (Statement statement = context.getConnection().createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
