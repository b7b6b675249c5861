package org.esignonbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged jar's own log, plain text and JSON, after exports whose every field carries a forged
 * log line (CR, LF, U+2028, ANSI escapes): the data is in the log, escaped, and starts no line.
 */
class LogInjectionIT {

    static final String SECRET = "it-secret-log-0c2e";
    static final ObjectMapper JSON = new ObjectMapper();
    /** What an attacker appends to a field: a line break, then a line that looks like the product's. */
    static final String FORGED = "\r\n2026-12-06T23:59:59.000Z  INFO 5610 --- [main] o.e.Forged : FORGED-LINE\u2028FORGED-2028\u001b[31mRED\u001b[0m";

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0} logs")
    @ValueSource(strings = {"plain", "ecs"})
    void noLineOfTheLogIsStartedByDataFromAnExport(String format) throws Exception {
        String[] args = format.equals("plain") ? new String[0] : new String[] {"--logging.structured.format.console=" + format};
        try (ProductProcess product = ProductProcess.packagedJar(folder).secret(SECRET)
                .env(Map.of("ESIGNON_HANDOFF_ENABLED", "true", "ESIGNON_ARCHIVE_ENABLED", "true")).args(args).start()) {
            ObjectNode export = (ObjectNode) JSON.readTree(ProductTest.sample("05-embed-complete.json"));
            ObjectNode body = (ObjectNode) export.get("body");
            body.put("next_user_name", "x").put("next_play_user", "x").put("play_url", "https://docs.esignon.net/play?t=1");
            for (String field : List.of("wfuid", "wfluid", "clientid", "processid", "actionid", "requestid", "useremail",
                    "opinion", "user_name", "customer_name", "next_play_user", "next_user_name", "play_url", "cert_url", "download_url")) {
                body.put(field, body.path(field).asText() + FORGED + "-" + field);
            }
            ((ObjectNode) export.get("header")).put("session_id", "S" + FORGED);
            assertThat(product.postExport(JSON.writeValueAsString(export)).statusCode()).as(product.log()).isEqualTo(200);

            ObjectNode refused = export.deepCopy();
            ((ObjectNode) refused.get("header")).put("api_name", "export" + FORGED + "-api_name");
            assertThat(product.postExport(JSON.writeValueAsString(refused)).statusCode()).isEqualTo(400);

            // the hand-off's log line and the archive's refusal of the forged URL are the last to come
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(product.log()).contains("[0m-next_user_name")
                    .contains("[0m-download_url").contains("[0m-cert_url"));
        }

        List<String> lines = java.nio.file.Files.readAllLines(folder.resolve("product.log"), StandardCharsets.UTF_8);
        assertThat(lines).anyMatch(line -> line.contains("[0m-wfuid"));
        assertThat(lines).anyMatch(line -> line.contains("status=400"));
        assertThat(lines).noneMatch(line -> line.startsWith("2026-12-06T23:59:59") || line.startsWith("FORGED"));
        String log = String.join("\n", lines);
        assertThat(log).doesNotContain("\u001b").doesNotContain("\r");
        if (format.equals("plain")) {
            assertThat(log).doesNotContain("\u2028");
        } else {   // JSON lines: the encoder escapes control characters; a U+2028 inside a JSON string starts no line
            for (String line : lines) {
                if (line.contains("FORGED")) {
                    assertThat(JSON.readTree(line).isObject()).as(line).isTrue();
                }
            }
        }
    }
}
