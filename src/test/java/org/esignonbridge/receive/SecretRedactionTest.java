package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** eSignon's start-contract API lets an export's header echo {@code authorization}: it is never stored. */
@OnEveryDatabase
@ExtendWith(OutputCaptureExtension.class)
class SecretRedactionTest extends ProductTest {

    private static String withHeader(String headerFields) {
        return sample("02-approve-complete.json").replace("\"api_name\": \"export\",", "\"api_name\": \"export\", " + headerFields + ",");
    }

    @Test
    void anExportWhoseHeaderEchoesTheSecretIsStoredWithTheSecretRedacted(CapturedOutput output) {
        HttpResponse<String> response = postExport(withHeader("\"Authorization\": \"" + SECRET + "\""));

        assertThat(response.statusCode()).isEqualTo(200);
        String raw = jdbc.queryForObject("SELECT raw_body FROM esignon_export", String.class);
        assertThat(raw).doesNotContain(SECRET).contains("\"Authorization\": \"[redacted]\"").contains("확인했습니다");
        assertThat(output).doesNotContain(SECRET);
    }

    @Test
    void anyAuthorizationValueInTheHeaderIsRedactedEvenEscapedOrNotText() {
        postExport(withHeader("\"AUTH\\u004fRIZATION\": {\"token\": \"other-secret\"}, \"authorization\": \"their-key\""));

        String raw = jdbc.queryForObject("SELECT raw_body FROM esignon_export", String.class);
        assertThat(raw).doesNotContain("other-secret").doesNotContain("their-key");
        assertThat(raw).contains("\"AUTH\\u004fRIZATION\": \"[redacted]\"", "\"authorization\": \"[redacted]\"");
    }

    @Test
    void aRejectedBodyCarryingTheSecretIsKeptWithTheSecretRedacted() {
        String broken = withHeader("\"authorization\": \"" + SECRET + "\"").replace("\"wfuid\"", "\"wfuid\" oops");

        HttpResponse<String> response = postExport(broken);

        assertThat(response.statusCode()).isEqualTo(400);
        String raw = rejectedText();
        assertThat(raw).doesNotContain(SECRET).contains("\"authorization\": \"[redacted]\"", "oops");
    }

    @Test
    void theSecretAnywhereElseInARejectedBodyIsRedactedToo() {
        postExport("not json at all " + SECRET);

        assertThat(rejectedText())
                .isEqualTo("not json at all [redacted]");
    }

    @Test
    void authorizationOutsideTheHeaderIsAParamLikeAnyOther() {
        postExport(sample("02-approve-complete.json").replace("\"status\"", "\"authorization\": \"not-a-header\", \"status\""));

        assertThat(jdbc.queryForObject("SELECT param_value FROM esignon_export_param WHERE param_id = 'authorization'", String.class))
                .isEqualTo("not-a-header");
    }
}
