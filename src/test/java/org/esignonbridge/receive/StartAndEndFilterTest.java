package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "esignon.export.api-type=start-and-end")   // as Spring binds it: the route reads the bound StartAndEnd
class StartAndEndFilterTest extends ProductTest {

    @Test
    void theFirstExportOfADocumentPasses() {
        JsonNode answer = json(postExport(sample("01-approve-playing.json")));

        assertThat(answer.get("passed").asBoolean()).isTrue();
        assertThat(passed(answer)).isTrue();
    }

    @Test
    void middleStepsAreStoredButDoNotPass() {
        postExport(sample("01-approve-playing.json"));
        String middle = sample("01-approve-playing.json").replace("\"actionid\": \"1\"", "\"actionid\": \"2\"");

        JsonNode answer = json(postExport(middle));

        assertThat(answer.get("accepted").asBoolean()).isTrue();
        assertThat(answer.get("passed").asBoolean()).isFalse();
        assertThat(answer.get("excluded_reason").asText()).contains("StartAndEnd").contains("20261102-000173");
        assertThat(passed(answer)).isFalse();
        assertThat(jdbc.queryForObject("SELECT excluded_reason FROM esignon_export WHERE id = ?", String.class,
                answer.get("id").asLong())).contains("StartAndEnd");
    }

    @Test
    void theExportThatCompletesADocumentPasses() {
        postExport(sample("01-approve-playing.json"));

        JsonNode answer = json(postExport(sample("02-approve-complete.json")));

        assertThat(answer.get("passed").asBoolean()).isTrue();
    }

    @Test
    void theExportThatCancelsADocumentPasses() {
        postExport(sample("03-reject.json").replace("\"status\": \"Canceled\"", "\"status\": \"Playing\"")
                .replace("\"actionid\": \"2\"", "\"actionid\": \"1\""));

        JsonNode answer = json(postExport(sample("03-reject.json")));

        assertThat(answer.get("passed").asBoolean()).isTrue();
    }

    private boolean passed(JsonNode answer) {
        return jdbc.queryForObject("SELECT passed FROM esignon_export WHERE id = ?", Boolean.class, answer.get("id").asLong());
    }
}
