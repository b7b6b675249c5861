package org.esignonbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The product as a process of its own, with JSON logs, stopped with SIGTERM while exports keep
 * arriving: it stops taking requests, answers those in flight, and every export it answered 200 is
 * in SQL, whole (row and params). Its log is JSON, one line per export, with no secret in it.
 */
class ShutdownUnderLoadTest {

    private static final Path DIR = Path.of("target/shutdown-test");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private final String url = System.getProperty("test.database.url", "jdbc:h2:file:./" + DIR + "/db/esignon;DB_CLOSE_ON_EXIT=FALSE");
    private final String user = System.getProperty("test.database.username", "sa");

    @Test
    void sigtermUnderLoadLosesNoAcceptedExportAndLeavesNothingHalfDone() throws Exception {
        FileSystemUtils.deleteRecursively(DIR);
        Files.createDirectories(DIR);
        Path ledger = DIR.resolve("ledger").toAbsolutePath();
        Path routes = Files.createDirectories(DIR.resolve("routes"));
        // a staff route busy with every accepted export while the product is stopped
        Files.writeString(routes.resolve("ledger.camel.yaml"), """
                - route:
                    id: shutdown-ledger
                    description: Write every accepted export to the ledger folder
                    from:
                      uri: kamelet:esignon-events
                      parameters: {event: export-accepted, subscriber: shutdown-ledger, delay: 100ms}
                      steps:
                        - setBody: {simple: "${body[wfuid]}"}
                        - to: "file:%s?fileName=${header.EsignonExportId}.txt"
                """.formatted(ledger));
        try (ProductProcess product = ProductProcess.fromClasspath().jvm("-Xmx384m").database(url, user).args(
                "--logging.structured.format.console=logstash",
                "--esignon.archive.enabled=false",
                "--camel.main.routes-include-pattern=file:routes/*.yaml,file:" + routes.toAbsolutePath() + "/*.yaml").start()) {
            URI webhook = product.uri("/esignon/export");

            long embedId = JSON.readTree(post(webhook, ProductTest.sample("04-embed-playing.json")
                    .replace("\"actionid\": \"", "\"actionid\": \"" + RUN + "-")).body()).get("id").asLong();
            await().atMost(Duration.ofSeconds(30)).until(() -> product.log().contains("Hand-off: the next signer"));

            Map<String, Long> answered200 = new ConcurrentHashMap<>();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger sent = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(6);
            for (int t = 0; t < 6; t++) {
                senders.submit(() -> {
                    int failuresInARow = 0;
                    while (failuresInARow < 3) {
                        String wfuid = "sd-" + RUN + "-" + sent.incrementAndGet();
                        try {
                            HttpResponse<String> response = post(webhook,
                                    ProductTest.sample("02-approve-complete.json").replace("20261102-000173", wfuid));
                            failuresInARow = 0;
                            if (response.statusCode() == 200) {   // stored now: the database stays up until the last answer
                                answered200.put(wfuid, JSON.readTree(response.body()).path("id").asLong(-1));
                            }
                        } catch (IOException notAnswered) {
                            failuresInARow++;
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> answered200.size() >= 40);
            product.terminate();                                          // SIGTERM
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(product.awaitExit(Duration.ofSeconds(60))).as("stopped within its grace period").isTrue();

            String output = product.log();
            assertThat(refused.get()).as("requests after SIGTERM were refused").isPositive();
            assertThat(output).contains("Commencing graceful shutdown").contains("Graceful shutdown complete")
                    .contains("Stopping: released ");

            try (Connection db = DriverManager.getConnection(url, user, System.getProperty("test.database.password", ""))) {
                for (Map.Entry<String, Long> export : answered200.entrySet()) {
                    assertThat(wfuidOf(db, export.getValue())).as("export %s answered 200", export.getValue()).isEqualTo(export.getKey());
                }
                assertThat(count(db, "SELECT COUNT(*) FROM esignon_export e WHERE e.wfuid LIKE ? AND"
                        + " (SELECT COUNT(*) FROM esignon_export_param p WHERE p.export_id = e.id) <> 2", "sd-" + RUN + "-%"))
                        .as("exports stored without their params").isZero();
                String ours = " FROM delivery d JOIN esignon_export e ON e.id = d.export_id"
                        + " WHERE d.subscriber = 'shutdown-ledger' AND e.wfuid LIKE ?";
                assertThat(count(db, "SELECT COUNT(*)" + ours, "sd-" + RUN + "-%")).as("every stored export queued for the staff route")
                        .isEqualTo(count(db, "SELECT COUNT(*) FROM esignon_export WHERE wfuid LIKE ?", "sd-" + RUN + "-%"))
                        .isGreaterThanOrEqualTo(answered200.size());
                assertThat(count(db, "SELECT COUNT(*)" + ours + " AND d.state = 'pending' AND d.claimed_until IS NOT NULL", "sd-" + RUN + "-%"))
                        .as("no delivery still held by the stopped instance").isZero();
                assertThat(count(db, "SELECT COUNT(*)" + ours + " AND d.state = 'delivered'", "sd-" + RUN + "-%"))
                        .as("some were delivered before the stop").isPositive()
                        .as("each delivered delivery written, whole").isEqualTo(written(ledger, "sd-" + RUN + "-"));
            }

            List<JsonNode> lines = new ArrayList<>();
            for (String line : output.lines().filter(l -> l.startsWith("{")).toList()) {
                lines.add(JSON.readTree(line));
            }
            long exportId = answered200.values().iterator().next();
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.path("export_id").asText()).isEqualTo(Long.toString(exportId));
                assertThat(line.path("outcome").asText()).isEqualTo("accepted");
                assertThat(line.path("wfuid").asText()).startsWith("sd-" + RUN);
                assertThat(line.path("message").asText()).startsWith("Export " + exportId + " wfuid=sd-");
            });
            assertThat(lines).as("the hand-off's log line carries its export id").anySatisfy(line -> {
                assertThat(line.path("message").asText()).startsWith("Hand-off: the next signer");
                assertThat(line.path("esignon-export-id").asText()).isEqualTo(Long.toString(embedId));
            });
            assertThat(output).doesNotContain(ProductTest.SECRET).doesNotContain("3f2c9a71d0");
        }
    }

    private static HttpResponse<String> post(URI webhook, String body) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
                    .header("authorization", ProductTest.SECRET).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String wfuidOf(Connection db, long id) throws Exception {
        try (PreparedStatement select = db.prepareStatement("SELECT wfuid FROM esignon_export WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** Ledger files holding a whole wfuid of this run. */
    private static long written(Path ledger, String prefix) throws IOException {
        try (var files = Files.list(ledger)) {
            return files.filter(file -> {
                try {
                    return Files.readString(file).matches(Pattern.quote(prefix) + "\\d+");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count();
        }
    }

    private static long count(Connection db, String sql, String like) throws Exception {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            select.setString(1, like);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
