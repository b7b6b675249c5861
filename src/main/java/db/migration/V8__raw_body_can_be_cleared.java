package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Retention (esignon.retention.raw-bodies) clears old raw bodies: esignon_export.raw_body becomes
 * NULL-able. A Java migration because the three databases spell "drop NOT NULL" differently.
 */
public class V8__raw_body_can_be_cleared extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String database = context.getConnection().getMetaData().getDatabaseProductName();
        String sql = database.toLowerCase().contains("mariadb") || database.toLowerCase().contains("mysql")
                ? "ALTER TABLE esignon_export MODIFY raw_body LONGTEXT NULL"
                : "ALTER TABLE esignon_export ALTER COLUMN raw_body DROP NOT NULL";
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(sql);
        }
    }
}
