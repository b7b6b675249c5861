package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Stream;

import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@OnEveryDatabase
class ValidationTest extends ProductTest {

    static Stream<Arguments> malformedBodies() {
        String valid = sample("01-approve-playing.json");
        return Stream.of(
                Arguments.of("empty body", "", "the body is empty"),
                Arguments.of("not JSON", "wfuid=1&status=Complete", "not valid JSON"),
                Arguments.of("truncated JSON", valid.substring(0, 80), "not valid JSON"),
                Arguments.of("JSON array", "[" + valid + "]", "must be a JSON object"),
                Arguments.of("two JSON values", valid + valid, "not valid JSON"),
                Arguments.of("duplicate key", valid.replace("\"worktype\": \"CF\",", "\"worktype\": \"CF\", \"worktype\": \"RT\","), "Duplicate field"),
                Arguments.of("no header", "{\"body\": {\"wfuid\": \"1\", \"worktype\": \"CF\", \"status\": \"Playing\"}}", "header is missing"),
                Arguments.of("header not an object", valid.replaceFirst("\"header\": \\{[^}]*}", "\"header\": \"export\""), "header must be a JSON object"),
                Arguments.of("another api_name", valid.replace("\"api_name\": \"export\"", "\"api_name\": \"start\""), "header.api_name must be \"export\""),
                Arguments.of("no body", "{\"header\": {\"api_name\": \"export\"}}", "body is missing"),
                Arguments.of("body an array", "{\"header\": {\"api_name\": \"export\"}, \"body\": []}", "body must be a JSON object"),
                Arguments.of("no wfuid", valid.replace("\"wfuid\": \"20261102-000173\",", ""), "body.wfuid is missing or empty"),
                Arguments.of("empty worktype", valid.replace("\"worktype\": \"CF\"", "\"worktype\": \"\""), "body.worktype is missing or empty"),
                Arguments.of("null status", valid.replace("\"status\": \"Playing\"", "\"status\": null"), "body.status is missing or empty"),
                Arguments.of("object where text is documented", valid.replace("\"useremail\": \"jiyoung.kim@example.com\"", "\"useremail\": {\"a\": 1}"), "body.useremail must be text"),
                Arguments.of("unreadable workdatetime", valid.replace("2026-11-02 09:15:41.0", "yesterday"), "body.workdatetime \"yesterday\""),
                Arguments.of("too long a field", valid.replace("\"worktype\": \"CF\"", "\"worktype\": \"" + "C".repeat(65) + "\""), "body.worktype is longer than 64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void aMalformedBodyIsAnswered400AndKeptWithTheReason(String kind, String body, String reason) {
        LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> response = postExport(body);
        LocalDateTime after = LocalDateTime.now(ZoneOffset.UTC).plusSeconds(1);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("accepted").asBoolean()).isFalse();
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_export");
        assertThat(json(response).get("message").asText()).contains(reason);
        assertThat(count("esignon_export")).isZero();
        Map<String, Object> rejected = jdbc.queryForMap("SELECT * FROM esignon_rejected_export");
        assertThat(rejected.get("reason").toString()).contains(reason);
        assertThat(rejectedText()).isEqualTo(body);
        assertThat(rejected.get("content_type")).isEqualTo("application/json; charset=utf-8");
        // when it came, in UTC whatever the JVM's zone (the MariaDB run uses Asia/Seoul, UTC+9)
        assertThat(timestamp(rejected.get("received_at"))).isBetween(before, after);
    }

    @Test
    void bytesThatAreNotUtf8AreRejected() {
        byte[] latin1 = sample("03-reject.json").replace("보증금", "dépôt").getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> response = postExport(latin1, "authorization", SECRET);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains("not valid UTF-8");
        assertThat(rejectedBody()).isEqualTo(latin1);
    }

    @Test
    void aBodyOverTheLimitIsAnswered413AndNotStored() {
        String padding = "x".repeat(1024 * 1024);
        String body = sample("01-approve-playing.json").replace("\"opinion\": \"\"", "\"opinion\": \"" + padding + "\"");

        HttpResponse<String> response = postExport(body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).isEqualTo("too_large");
        assertThat(count("esignon_export")).isZero();
        assertThat(count("esignon_rejected_export")).isZero();
    }

    @Test
    void aBodyJustUnderTheLimitIsStored() {
        String template = sample("01-approve-playing.json").replace("\"opinion\": \"\"", "\"opinion\": \"%s\"");
        int room = 1024 * 1024 - template.getBytes(StandardCharsets.UTF_8).length + 2;
        String body = template.formatted("x".repeat(room));

        HttpResponse<String> response = postExport(body);

        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(1024 * 1024);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT opinion FROM esignon_export", String.class)).hasSize(room);
    }
}
