package org.esignonbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.esignonbridge.config.SchemaVendorTypes;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** V6 moves the work waiting in the per-sink queues of V2-V5 into the delivery engine's tables. */
class UpgradeTest {

    @Test
    void pendingWorkOfTheOldQueuesIsMovedAndNothingDeliveredComesBack() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:upgrade;DB_CLOSE_DELAY=-1", "sa", "");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        migrate(dataSource, "5");
        for (int id = 1; id <= 4; id++) {
            jdbc.update("INSERT INTO esignon_export (id, dedupe_key, received_at, wfuid, worktype, status, embed_mode, passed, raw_body)"
                    + " VALUES (?, ?, TIMESTAMP '2026-11-04 10:00:00', ?, ?, 'Complete', TRUE, TRUE, '{}')",
                    id, "k" + id, "doc-" + id, id == 4 ? "RT" : "CF");
        }
        jdbc.update("INSERT INTO sheet_batch (id, created_at, attempts) VALUES (1, TIMESTAMP '2026-11-04 10:00:00', 2)");
        jdbc.update("INSERT INTO sheet_row (export_id, queued_at, batch_id, sent_at) VALUES (1, TIMESTAMP '2026-11-04 10:00:00', NULL, TIMESTAMP '2026-11-04 10:00:01')");
        jdbc.update("INSERT INTO sheet_row (export_id, queued_at, batch_id) VALUES (2, TIMESTAMP '2026-11-04 10:00:00', 1)");
        jdbc.update("INSERT INTO archive_file (export_id, wfuid, kind, source_url, state, queued_at, attempts) VALUES"
                + " (1, 'doc-1', 'document', 'https://x/1', 'archived', TIMESTAMP '2026-11-04 10:00:00', 1),"
                + " (2, 'doc-2', 'document', 'https://x/2', 'pending', TIMESTAMP '2026-11-04 10:00:00', 1),"
                + " (3, 'doc-3', 'document', 'https://x/3', 'failed', TIMESTAMP '2026-11-04 10:00:00', 8)");
        jdbc.update("INSERT INTO signer_handoff (export_id, queued_at, state, message, attempts) VALUES"
                + " (1, TIMESTAMP '2026-11-04 10:00:00', 'sent', '{}', 1), (2, TIMESTAMP '2026-11-04 10:00:00', 'pending', '{}', 0)");
        jdbc.update("INSERT INTO seam_subscriber (subscriber, seam, since_id, created_at) VALUES"
                + " ('chat', 'contract-rejected', 1, TIMESTAMP '2026-11-04 09:00:00'), ('ledger', 'export-accepted', 3, TIMESTAMP '2026-11-04 09:00:00')");
        jdbc.update("INSERT INTO seam_delivery (subscriber, item_id, state, attempts) VALUES ('ledger', 3, 'delivered', 1)");

        migrate(dataSource, "6");

        assertThat(jdbc.queryForList("SELECT name FROM subscriber ORDER BY name", String.class))
                .containsExactly("archive", "chat", "handoff", "ledger", "sheet");
        List<Map<String, Object>> work = jdbc.queryForList(
                "SELECT subscriber, item_id, state, attempts FROM delivery ORDER BY subscriber, item_id");
        assertThat(work).containsExactly(
                Map.of("SUBSCRIBER", "archive", "ITEM_ID", 2L, "STATE", "pending", "ATTEMPTS", 1),
                Map.of("SUBSCRIBER", "archive", "ITEM_ID", 3L, "STATE", "parked", "ATTEMPTS", 8),
                Map.of("SUBSCRIBER", "chat", "ITEM_ID", 4L, "STATE", "pending", "ATTEMPTS", 0),
                Map.of("SUBSCRIBER", "handoff", "ITEM_ID", 2L, "STATE", "pending", "ATTEMPTS", 0),
                Map.of("SUBSCRIBER", "ledger", "ITEM_ID", 4L, "STATE", "pending", "ATTEMPTS", 0),
                Map.of("SUBSCRIBER", "sheet", "ITEM_ID", 2L, "STATE", "pending", "ATTEMPTS", 2));
        assertThat(jdbc.queryForList("SELECT state FROM archive_file", String.class)).containsExactly("archived");
    }

    private static void migrate(DriverManagerDataSource dataSource, String target) {
        FluentConfiguration configuration = Flyway.configure().dataSource(dataSource).target(target);
        new SchemaVendorTypes().customize(configuration);
        configuration.load().migrate();
    }
}
