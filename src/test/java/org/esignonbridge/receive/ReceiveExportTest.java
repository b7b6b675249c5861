package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

@OnEveryDatabase
class ReceiveExportTest extends ProductTest {

    private static final List<String> DOCUMENTED = List.of(
            "wfuid", "wfluid", "clientid", "processid", "actionid", "requestid", "worktype", "status",
            "useremail", "opinion", "user_name", "next_play_user", "next_user_name", "play_url",
            "cert_url", "download_url");

    @ParameterizedTest
    @FieldSource("SAMPLES")
    void everySampleIsStoredWithAllItsFieldsAndParams(String sample) throws Exception {
        String body = sample(sample);

        HttpResponse<String> response = postExport(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode answer = json(response);
        assertThat(answer.get("accepted").asBoolean()).isTrue();
        assertThat(answer.get("duplicate").asBoolean()).isFalse();
        assertThat(answer.get("passed").asBoolean()).isTrue();
        JsonNode sent = JSON.readTree(body);
        Map<String, Object> row = exportRow(answer.get("id").asLong());
        for (String field : DOCUMENTED) {
            JsonNode value = sent.get("body").get(field);
            assertThat(row.get(field)).as(field).isEqualTo(value == null ? null : value.asText());
        }
        assertThat(row.get("request_code")).isEqualTo(sent.get("header").get("request_code").asText());
        assertThat(row.get("session_id")).isEqualTo("S1001");
        assertThat(timestamp(row.get("workdatetime")))
                .isEqualTo(LocalDateTime.parse(sent.get("body").get("workdatetime").asText().replace(' ', 'T')));
        assertThat(row.get("embed_mode")).isEqualTo(sample.contains("embed"));
        assertThat(row.get("passed")).isEqualTo(true);
        // UTC whatever the JVM's zone (the MariaDB run uses Asia/Seoul, UTC+9)
        assertThat(timestamp(row.get("received_at")))
                .isCloseTo(LocalDateTime.now(java.time.ZoneOffset.UTC), within(2, java.time.temporal.ChronoUnit.MINUTES));
        assertThat(JSON.readTree(row.get("raw_body").toString())).isEqualTo(sent);
        assertThat(params(answer.get("id").asLong())).containsExactlyElementsOf(undocumentedFields(sent));
    }

    @Test
    void koreanTextArrivesIntactWhatEverTheContentTypeSays() {
        byte[] body = sample("03-reject.json").getBytes(StandardCharsets.UTF_8);
        String opinion = "보증금 금액이 다릅니다. 수정 후 다시 보내주세요.";

        long noCharset = json(postExport(body, "authorization", SECRET, "Content-Type", "application/json")).get("id").asLong();
        TestDatabase.empty(jdbc, subscribers);
        long noContentType = json(postExport(body, "authorization", SECRET)).get("id").asLong();
        TestDatabase.empty(jdbc, subscribers);
        long latin1Claimed = json(postExport(body, "authorization", SECRET,
                "Content-Type", "text/plain; charset=ISO-8859-1")).get("id").asLong();

        assertThat(latin1Claimed).isPositive();
        assertThat(jdbc.queryForObject("SELECT opinion FROM esignon_export", String.class)).isEqualTo(opinion);
        assertThat(noCharset).isNotEqualTo(noContentType);
    }

    @Test
    void emojiOutsideTheBasicPlaneAreKeptOnEveryDatabase() throws Exception {
        String sample = sample("06-approve-emoji.json");

        long id = json(postExport(sample)).get("id").asLong();

        assertThat(exportRow(id).get("opinion")).isEqualTo("좋아요 👍 확인했습니다 🙂");
        assertThat(JSON.readTree(exportRow(id).get("raw_body").toString())).isEqualTo(JSON.readTree(sample));
    }

    @Test
    void aFormContentTypeAsCurlSendsByDefaultIsStillReadAsJson() {
        byte[] body = sample("03-reject.json").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = postExport(body, "authorization", SECRET,
                "Content-Type", "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT opinion FROM esignon_export", String.class))
                .isEqualTo("보증금 금액이 다릅니다. 수정 후 다시 보내주세요.");
    }

    @Test
    void numbersAreAcceptedWhereTextIsDocumented() {
        String body = """
                {"header": {"api_name": "export", "session_id": 1001, "request_code": "HR-1"},
                 "body": {"wfuid": 20261102000173, "processid": 2, "actionid": 2, "wfluid": 0,
                          "worktype": "CF", "status": "Playing", "workdatetime": "2026-11-02 09:15:41.0",
                          "amount": 3200000, "approved": true, "note": null}}""";

        HttpResponse<String> response = postExport(body);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> row = exportRow(json(response).get("id").asLong());
        assertThat(row).containsEntry("wfuid", "20261102000173").containsEntry("processid", "2")
                .containsEntry("session_id", "1001").containsEntry("wfluid", "0");
        assertThat(params(json(response).get("id").asLong())).containsExactly(
                List.of("amount", "3200000"), List.of("approved", "true"), java.util.Arrays.asList("note", null));
    }

    @Test
    void unknownFieldsInTheHeaderAreTolerated() {
        String body = sample("01-approve-playing.json")
                .replace("\"session_id\": \"S1001\"", "\"session_id\": \"S1001\", \"version\": \"2\", \"extra\": {\"a\": 1}");

        assertThat(postExport(body).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"})
    void onlyPostIsAllowed(String method) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/esignon/export"))
                .method(method, HttpRequest.BodyPublishers.ofString(sample("01-approve-playing.json")))
                .header("authorization", SECRET).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(count("esignon_export")).isZero();
    }

    @Test
    void theAnswerEchoesNoRequestHeader() {
        HttpResponse<String> response = postExport(sample("01-approve-playing.json").getBytes(StandardCharsets.UTF_8),
                "authorization", SECRET, "X-Trace", "abc");

        assertThat(response.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("authorization"));
        assertThat(response.headers().firstValue("X-Trace")).isEmpty();
    }

    private List<List<String>> params(long exportId) {
        List<List<String>> params = new ArrayList<>();
        jdbc.query("SELECT param_id, param_value FROM esignon_export_param WHERE export_id = ? ORDER BY param_order",
                rs -> {
                    params.add(java.util.Arrays.asList(rs.getString(1), rs.getString(2)));
                }, exportId);
        return params;
    }

    private static List<List<String>> undocumentedFields(JsonNode sent) {
        List<List<String>> params = new ArrayList<>();
        sent.get("body").fields().forEachRemaining(field -> {
            if (!DOCUMENTED.contains(field.getKey()) && !field.getKey().equals("workdatetime")) {
                params.add(List.of(field.getKey(), field.getValue().asText()));
            }
        });
        return params;
    }
}
