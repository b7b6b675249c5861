package org.esignonbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.esignonbridge.config.SchemaVendorTypes;
import org.esignonbridge.support.OnEveryDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V13 gives the schema issue 18's words: subscriber.seam becomes event, delivery.item_id
 * event_id, and stored values follow (a delivery's refused cause is undeliverable, an archive file's
 * refused state declined). On the build's database, in a schema of its own (H2: a database of its own).
 */
@OnEveryDatabase
class VocabularyMigrationTest {

    private static final String URL = System.getProperty("test.database.url", "");
    private static final boolean H2 = URL.isEmpty() || URL.startsWith("jdbc:h2:");
    private static final String SCHEMA = "vocabulary_upgrade";

    @Test
    void theOldWordsLeaveColumnsAndStoredValues() {
        DriverManagerDataSource dataSource = H2
                ? new DriverManagerDataSource("jdbc:h2:mem:vocabulary;DB_CLOSE_DELAY=-1", "sa", "")
                : new DriverManagerDataSource(URL, System.getProperty("test.database.username", ""),
                        System.getProperty("test.database.password", ""));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String t = H2 ? "" : SCHEMA + ".";
        flyway(dataSource, "12").clean();
        try {
            flyway(dataSource, "12").migrate();
            jdbc.update("INSERT INTO " + t + "esignon_export (id, dedupe_key, received_at, wfuid, worktype, status, embed_mode, passed, raw_body)"
                    + " VALUES (4, 'k4', TIMESTAMP '2026-11-04 10:00:00', 'doc-4', 'RT', 'Complete', FALSE, TRUE, '{}')");
            jdbc.update("INSERT INTO " + t + "subscriber (name, seam, start_at, created_at)"
                    + " VALUES ('chat', 'contract-rejected', 'now', TIMESTAMP '2026-11-04 09:00:00')");
            jdbc.update("INSERT INTO " + t + "delivery (subscriber, item_id, export_id, state, attempts, next_attempt_at, last_error, last_failure, created_at)"
                    + " VALUES ('chat', 4, 4, 'parked', 1, TIMESTAMP '2026-11-04 10:00:00',"
                    + " 'refused: ItemRefusedException: not archived, document: not a PDF', 'refused', TIMESTAMP '2026-11-04 10:00:00'),"
                    + " ('ledger', 4, 4, 'pending', 2, TIMESTAMP '2026-11-04 10:00:00', 'not applied: 503', 'not-applied', TIMESTAMP '2026-11-04 10:00:00')");
            jdbc.update("INSERT INTO " + t + "archive_file (export_id, wfuid, kind, source_url, state, last_error) VALUES"
                    + " (4, 'doc-4', 'document', 'https://x/4', 'refused', 'not a PDF'),"
                    + " (4, 'doc-4', 'certificate', 'https://x/4c', 'archived', NULL)");

            flyway(dataSource, "13").migrate();

            assertThat(jdbc.queryForObject("SELECT event FROM " + t + "subscriber WHERE name = 'chat'", String.class))
                    .isEqualTo("contract-rejected");
            assertThat(jdbc.queryForList("SELECT subscriber, event_id, last_failure, last_error FROM " + t + "delivery ORDER BY subscriber"))
                    .extracting(row -> Map.of("subscriber", row.get("subscriber"), "event", ((Number) row.get("event_id")).longValue(),
                            "failure", row.get("last_failure"), "error", row.get("last_error")))
                    .containsExactly(
                            Map.of("subscriber", "chat", "event", 4L, "failure", "undeliverable",
                                    "error", "undeliverable: UndeliverableException: not archived, document: not a PDF"),
                            Map.of("subscriber", "ledger", "event", 4L, "failure", "not-applied", "error", "not applied: 503"));
            assertThat(jdbc.queryForList("SELECT state FROM " + t + "archive_file ORDER BY kind", String.class))
                    .containsExactly("archived", "declined");
        } finally {
            flyway(dataSource, "13").clean();
        }
    }

    private static Flyway flyway(DriverManagerDataSource dataSource, String target) {
        FluentConfiguration configuration = Flyway.configure().dataSource(dataSource).target(target).cleanDisabled(false);
        if (!H2) {
            configuration.schemas(SCHEMA);
        }
        new SchemaVendorTypes().customize(configuration);
        return configuration.load();
    }
}
