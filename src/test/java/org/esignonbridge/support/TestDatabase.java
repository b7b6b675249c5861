package org.esignonbridge.support;

import java.util.concurrent.atomic.AtomicBoolean;

import org.esignonbridge.config.SchemaMigration;
import org.esignonbridge.delivery.Subscribers;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The suite shares one database per run (H2, PostgreSQL or MariaDB). The first context of a run
 * drops what earlier runs left and migrates from scratch; every test starts from empty tables.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

    private static final AtomicBoolean CLEANED = new AtomicBoolean();

    /** Children first, so foreign keys never block the delete. */
    private static final String[] TABLES = {
        "admin_audit", "delivery", "subscriber", "archive_file", "esignon_export_param", "esignon_export", "esignon_rejected_export"
    };

    /** Instead of the product's {@link SchemaMigration}, which it runs after the clean. */
    @Bean
    @Primary
    FlywayMigrationStrategy cleanOncePerRun(SchemaMigration migration) {
        return flyway -> {
            if (CLEANED.compareAndSet(false, true)) {
                flyway.clean();
            }
            migration.migrate(flyway);
        };
    }

    /** Empties every table, then registers again the subscribers the running product has. */
    public static void empty(JdbcTemplate jdbc, Subscribers subscribers) {
        empty(jdbc);
        subscribers.registerAll();
    }

    /** Empties every table, subscribers included: for a product started as a process, before its start. */
    public static void empty(JdbcTemplate jdbc) {
        for (String table : TABLES) {
            jdbc.update("DELETE FROM " + table);
        }
    }
}
