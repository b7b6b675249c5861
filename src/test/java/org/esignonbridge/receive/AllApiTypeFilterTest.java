package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The filters as settings/worktypes-as-a-yaml-list.yaml writes them: the routes read what the settings' record binds. */
@TestPropertySource(properties = "spring.config.import=classpath:settings/worktypes-as-a-yaml-list.yaml")
class AllApiTypeFilterTest extends ProductTest {

    @Test
    void everyApprovalPassesIncludingMiddleSteps() {
        postExport(sample("01-approve-playing.json"));
        String middle = sample("01-approve-playing.json").replace("\"actionid\": \"1\"", "\"actionid\": \"2\"");

        assertThat(json(postExport(middle)).get("passed").asBoolean()).isTrue();
        assertThat(json(postExport(sample("02-approve-complete.json"))).get("passed").asBoolean()).isTrue();
    }

    @Test
    void aWorktypeNotConfiguredIsStoredButDoesNotPass() {
        var answer = json(postExport(sample("03-reject.json")));

        assertThat(answer.get("accepted").asBoolean()).isTrue();
        assertThat(answer.get("passed").asBoolean()).isFalse();
        assertThat(answer.get("excluded_reason").asText()).isEqualTo("worktype RT is not one of esignon.export.worktypes (CF)");
        assertThat(jdbc.queryForObject("SELECT passed FROM esignon_export", Boolean.class)).isFalse();
        assertThat(count("esignon_export_param")).isOne();
    }
}
