package org.esignonbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Which seams an export belongs to: in Java at arrival, and in SQL for a subscriber that starts at the beginning. */
class SeamTest {

    static List<Arguments> exports() {
        return List.of(
                Arguments.of(export("Playing", "CF", false, null), List.of(Seam.EXPORT_ACCEPTED)),
                Arguments.of(export("Complete", "CF", false, null), List.of(Seam.EXPORT_ACCEPTED, Seam.CONTRACT_COMPLETED)),
                Arguments.of(export("Canceled", "RT", false, null), List.of(Seam.EXPORT_ACCEPTED, Seam.CONTRACT_REJECTED)),
                Arguments.of(export("Playing", "CF", true, "https://docs.esignon.net/play?t=1"), List.of(Seam.EXPORT_ACCEPTED, Seam.SIGNING_LINK)),
                Arguments.of(export("Playing", "CF", true, "  "), List.of(Seam.EXPORT_ACCEPTED)),
                Arguments.of(export("Playing", "CF", false, "https://docs.esignon.net/play?t=1"), List.of(Seam.EXPORT_ACCEPTED)),
                Arguments.of(export("Complete", "RT", true, "https://docs.esignon.net/play?t=1"),
                        List.of(Seam.EXPORT_ACCEPTED, Seam.CONTRACT_COMPLETED, Seam.CONTRACT_REJECTED, Seam.SIGNING_LINK)));
    }

    @ParameterizedTest
    @MethodSource("exports")
    void anExportBelongsToTheSeamsItsFieldsSay(Map<String, Object> export, List<Seam> seams) {
        assertThat(Seam.of(export)).containsExactlyElementsOf(seams);
    }

    @ParameterizedTest
    @MethodSource("exports")
    void theSqlConditionOfEachSeamSaysWhatItsJavaSays(Map<String, Object> export, List<Seam> seams) {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:seams;DB_CLOSE_DELAY=-1", "sa", ""));
        jdbc.execute("CREATE TABLE IF NOT EXISTS esignon_export (passed BOOLEAN, status VARCHAR(64), worktype VARCHAR(64),"
                + " embed_mode BOOLEAN, play_url VARCHAR(2000))");
        jdbc.update("DELETE FROM esignon_export");
        jdbc.update("INSERT INTO esignon_export VALUES (TRUE, ?, ?, ?, ?)",
                export.get("status"), export.get("worktype"), export.get("embed_mode"), export.get("play_url"));

        List<Seam> inSql = Arrays.stream(Seam.values()).filter(seam -> seam.exportCondition() != null)
                .filter(seam -> jdbc.queryForObject("SELECT COUNT(*) FROM esignon_export e WHERE " + seam.exportCondition(), Long.class) == 1)
                .toList();

        assertThat(inSql).containsExactlyElementsOf(seams);
    }

    @Test
    void aSeamIsNamedAsRouteFilesWriteIt() {
        assertThat(Seam.named("contract-completed")).isEqualTo(Seam.CONTRACT_COMPLETED);
        assertThat(Arrays.stream(Seam.values()).map(Seam::id))
                .containsExactly("export-accepted", "contract-completed", "contract-rejected", "signing-link", "document-archived");
        assertThatThrownBy(() -> Seam.named("contract-signed")).hasMessageContaining("unknown seam 'contract-signed'")
                .hasMessageContaining("contract-completed");
    }

    private static Map<String, Object> export(String status, String worktype, boolean embedMode, String playUrl) {
        Map<String, Object> export = new HashMap<>();
        export.put("status", status);
        export.put("worktype", worktype);
        export.put("embed_mode", embedMode);
        export.put("play_url", playUrl);
        return export;
    }
}
