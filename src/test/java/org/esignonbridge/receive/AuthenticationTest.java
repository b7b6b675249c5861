package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticationTest extends ProductTest {

    private final byte[] body = sample("01-approve-playing.json").getBytes(StandardCharsets.UTF_8);

    @Test
    void anExportWithoutTheAuthorizationHeaderIsRefusedAndNotStored() {
        HttpResponse<String> response = postExport(body, "Content-Type", "application/json");

        assertRefused(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong", "test-secret-7f3", "Bearer test-secret-7f3a", "TEST-SECRET-7F3A"})
    void anExportWithAWrongSecretIsRefusedAndNotStored(String secret) {
        HttpResponse<String> response = postExport(body, "authorization", secret);

        assertRefused(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"authorization", "Authorization", "AUTHORIZATION"})
    void theHeaderNameIsCaseInsensitive(String headerName) {
        HttpResponse<String> response = postExport(body, headerName, SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusedMalformedBodyIsNotKeptEither() {
        HttpResponse<String> response = postExport("not json".getBytes(StandardCharsets.UTF_8), "authorization", "wrong");

        assertRefused(response);
    }

    private void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("accepted").asBoolean()).isFalse();
        assertThat(json(response).get("error").asText()).isEqualTo("unauthorized");
        assertThat(response.body()).doesNotContain(SECRET);
        assertThat(count("esignon_export")).isZero();
        assertThat(count("esignon_rejected_export")).isZero();
    }
}
