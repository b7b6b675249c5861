package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;

/** Bodies an attacker or a broken sender may post: answered 400 with the usual JSON, and kept. */
@OnEveryDatabase
class HostileBodyTest extends ProductTest {

    @Test
    void aBodyNested5000LevelsDeepIsAnswered400AndKept() {
        String body = "{\"header\":{\"api_name\":\"export\"},\"body\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        HttpResponse<String> response = postExport(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_export");
        assertThat(json(response).get("message").asText()).contains("nested");
        assertThat(rejectedText()).isEqualTo(body);
    }

    @Test
    void aNulInAFieldIsStoredAsTheReplacementCharacterAndKeptEscapedInTheRawBody() {
        String body = sample("03-reject.json").replaceFirst("\"opinion\": \"[^\"]*\"", "\"opinion\": \"a\\\\u0000b\"")
                .replace("\"status\"", "\"memo\\u0000\": \"x\\u0000y\", \"status\"");

        HttpResponse<String> response = postExport(body);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> row = exportRow(json(response).get("id").asLong());
        assertThat(row.get("opinion")).isEqualTo("a\uFFFDb");
        assertThat(row.get("raw_body").toString()).contains("a\\u0000b");
        assertThat(jdbc.queryForObject("SELECT param_value FROM esignon_export_param WHERE param_id = ?", String.class, "memo\uFFFD"))
                .isEqualTo("x\uFFFDy");
    }

    @Test
    void aRejectedBodyWithANulByteIsKeptByteForByte() {
        byte[] body = "{\"header\":{\"api_name\":\"export\"},\"body\":{\"wfuid\":\"a\u0000b\"}}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = postExport(body, "authorization", SECRET);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(rejectedBody()).isEqualTo(body);
    }

    @Test
    void aRejectedBodyInEucKrIsKeptByteForByte() {
        byte[] body = sample("03-reject.json").getBytes(Charset.forName("EUC-KR"));

        HttpResponse<String> response = postExport(body, "authorization", SECRET, "Content-Type", "application/json; charset=EUC-KR");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains("not valid UTF-8");
        assertThat(rejectedBody()).isEqualTo(body);
    }

    @Test
    void paramNamesThatDifferOnlyByATrailingSpaceAreTwoParams() {
        String body = sample("02-approve-complete.json").replace("\"status\"", "\"emp\": \"1\", \"emp \": \"2\", \"status\"");

        HttpResponse<String> response = postExport(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("duplicate").asBoolean()).isFalse();
        assertThat(jdbc.queryForList("SELECT param_value FROM esignon_export_param WHERE param_id IN ('emp', 'emp ') ORDER BY param_order", String.class))
                .containsExactly("1", "2");
    }

    /** U+0000 is stored as U+FFFD, so these two names would become one and a value would be dropped. */
    @Test
    void paramNamesThatBecomeOneOnceStoredAreRefused() {
        String body = sample("02-approve-complete.json").replace("\"status\"", "\"a\\u0000\": \"1\", \"a\uFFFD\": \"2\", \"status\"");

        HttpResponse<String> response = postExport(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_export");
        assertThat(json(response).get("message").asText()).contains("two params named \"a\uFFFD\"");
        assertThat(count("esignon_export")).isZero();
        assertThat(rejectedText()).isEqualTo(body);
    }
}
