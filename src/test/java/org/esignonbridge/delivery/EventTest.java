package org.esignonbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which exports belong to which event: one definition, read in Java for an arriving export and in SQL for the stored ones. */
class EventTest {

    @Test
    void anExportThatPassedBelongsToTheEventsItsColumnsSay() {
        assertThat(Event.of(export(true, "Playing", "CF", false, null))).containsExactly(Event.EXPORT_ACCEPTED);
        assertThat(Event.of(export(true, "Complete", "CF", false, null))).containsExactly(Event.EXPORT_ACCEPTED, Event.CONTRACT_COMPLETED);
        assertThat(Event.of(export(true, "Playing", "RT", false, null))).containsExactly(Event.EXPORT_ACCEPTED, Event.CONTRACT_REJECTED);
        assertThat(Event.of(export(true, "Playing", "CF", true, "https://play.example/x")))
                .containsExactly(Event.EXPORT_ACCEPTED, Event.SIGNING_LINK);
    }

    @Test
    void anEmbedModeExportWithoutAPlayUrlHasNoSigningLinkAndAFilteredExportNoEvent() {
        assertThat(Event.of(export(true, "Playing", "CF", true, "  "))).containsExactly(Event.EXPORT_ACCEPTED);
        assertThat(Event.of(export(true, "Playing", "CF", true, null))).containsExactly(Event.EXPORT_ACCEPTED);
        assertThat(Event.of(export(false, "Complete", "RT", true, "https://play.example/x"))).isEmpty();
    }

    @Test
    void theSqlConditionSelectsTheStoredExportsJavaSaysBelongToTheEvent() throws Exception {
        List<Map<String, Object>> exports = new ArrayList<>();
        for (boolean passed : new boolean[] {true, false}) {
            for (String status : new String[] {"Playing", "Complete"}) {
                for (String worktype : new String[] {"CF", "RT"}) {
                    for (String playUrl : new String[] {null, "", " ", "https://play.example/x"}) {
                        exports.add(export(passed, status, worktype, true, playUrl));
                        exports.add(export(passed, status, worktype, false, playUrl));
                    }
                }
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:event-test")) {
            try (Statement create = db.createStatement()) {
                create.execute("CREATE TABLE esignon_export (id BIGINT, passed BOOLEAN, status VARCHAR(64), worktype VARCHAR(64),"
                        + " embed_mode BOOLEAN, play_url VARCHAR(2048))");
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO esignon_export VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int id = 0; id < exports.size(); id++) {
                    Map<String, Object> export = exports.get(id);
                    insert.setLong(1, id);
                    insert.setBoolean(2, (Boolean) export.get("passed"));
                    insert.setString(3, (String) export.get("status"));
                    insert.setString(4, (String) export.get("worktype"));
                    insert.setBoolean(5, (Boolean) export.get("embed_mode"));
                    insert.setString(6, (String) export.get("play_url"));
                    insert.executeUpdate();
                }
            }
            for (Event event : Event.values()) {
                if (!event.ofExports()) {
                    continue;
                }
                List<Long> inSql = new ArrayList<>();
                try (Statement select = db.createStatement();
                     ResultSet rows = select.executeQuery("SELECT e.id FROM esignon_export e WHERE " + event.exportCondition() + " ORDER BY e.id")) {
                    while (rows.next()) {
                        inSql.add(rows.getLong(1));
                    }
                }
                List<Long> inJava = new ArrayList<>();
                for (int id = 0; id < exports.size(); id++) {
                    if (Event.of(exports.get(id)).contains(event)) {
                        inJava.add((long) id);
                    }
                }
                assertThat(inSql).as(event.id()).isNotEmpty().isEqualTo(inJava);
            }
        }
    }

    @Test
    void documentArchivedIsNoEventOfExportsAndAnUnknownNameSaysTheKnownOnes() {
        assertThat(Event.DOCUMENT_ARCHIVED.ofExports()).isFalse();
        assertThatThrownBy(Event.DOCUMENT_ARCHIVED::exportCondition).isInstanceOf(IllegalStateException.class);
        assertThat(Event.named("contract-rejected")).isEqualTo(Event.CONTRACT_REJECTED);
        assertThatThrownBy(() -> Event.named("contract-signed")).hasMessageContaining("contract-completed");
    }

    private static Map<String, Object> export(boolean passed, String status, String worktype, boolean embedMode, String playUrl) {
        Map<String, Object> export = new HashMap<>();
        export.put("passed", passed);
        export.put("status", status);
        export.put("worktype", worktype);
        export.put("embed_mode", embedMode);
        export.put("play_url", playUrl);
        return export;
    }
}
