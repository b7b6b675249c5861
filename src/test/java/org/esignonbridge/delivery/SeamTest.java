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

/** Which exports belong to which seam: one definition, read in Java for an arriving export and in SQL for the stored ones. */
class SeamTest {

    @Test
    void anExportThatPassedBelongsToTheSeamsItsColumnsSay() {
        assertThat(Seam.of(export(true, "Playing", "CF", false, null))).containsExactly(Seam.EXPORT_ACCEPTED);
        assertThat(Seam.of(export(true, "Complete", "CF", false, null))).containsExactly(Seam.EXPORT_ACCEPTED, Seam.CONTRACT_COMPLETED);
        assertThat(Seam.of(export(true, "Playing", "RT", false, null))).containsExactly(Seam.EXPORT_ACCEPTED, Seam.CONTRACT_REJECTED);
        assertThat(Seam.of(export(true, "Playing", "CF", true, "https://play.example/x")))
                .containsExactly(Seam.EXPORT_ACCEPTED, Seam.SIGNING_LINK);
    }

    @Test
    void anEmbedModeExportWithoutAPlayUrlHasNoSigningLinkAndAFilteredExportNoSeam() {
        assertThat(Seam.of(export(true, "Playing", "CF", true, "  "))).containsExactly(Seam.EXPORT_ACCEPTED);
        assertThat(Seam.of(export(true, "Playing", "CF", true, null))).containsExactly(Seam.EXPORT_ACCEPTED);
        assertThat(Seam.of(export(false, "Complete", "RT", true, "https://play.example/x"))).isEmpty();
    }

    @Test
    void theSqlConditionSelectsTheStoredExportsJavaSaysBelongToTheSeam() throws Exception {
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
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:seam-test")) {
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
            for (Seam seam : Seam.values()) {
                if (!seam.ofExports()) {
                    continue;
                }
                List<Long> inSql = new ArrayList<>();
                try (Statement select = db.createStatement();
                     ResultSet rows = select.executeQuery("SELECT e.id FROM esignon_export e WHERE " + seam.exportCondition() + " ORDER BY e.id")) {
                    while (rows.next()) {
                        inSql.add(rows.getLong(1));
                    }
                }
                List<Long> inJava = new ArrayList<>();
                for (int id = 0; id < exports.size(); id++) {
                    if (Seam.of(exports.get(id)).contains(seam)) {
                        inJava.add((long) id);
                    }
                }
                assertThat(inSql).as(seam.id()).isNotEmpty().isEqualTo(inJava);
            }
        }
    }

    @Test
    void documentArchivedIsNoSeamOfExportsAndAnUnknownNameSaysTheKnownOnes() {
        assertThat(Seam.DOCUMENT_ARCHIVED.ofExports()).isFalse();
        assertThatThrownBy(Seam.DOCUMENT_ARCHIVED::exportCondition).isInstanceOf(IllegalStateException.class);
        assertThat(Seam.named("contract-rejected")).isEqualTo(Seam.CONTRACT_REJECTED);
        assertThatThrownBy(() -> Seam.named("contract-signed")).hasMessageContaining("contract-completed");
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
