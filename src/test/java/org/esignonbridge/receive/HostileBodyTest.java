package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;

/** Bodies an attacker or a broken sender may post: answered 400 with the usual JSON, and kept. */
class HostileBodyTest extends ProductTest {

    @Test
    void aBodyNested5000LevelsDeepIsAnswered400AndKept() {
        String body = "{\"header\":{\"api_name\":\"export\"},\"body\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        HttpResponse<String> response = postExport(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_export");
        assertThat(json(response).get("message").asText()).contains("nested");
        assertThat(jdbc.queryForObject("SELECT raw_body FROM esignon_rejected_export", String.class)).isEqualTo(body);
    }
}
