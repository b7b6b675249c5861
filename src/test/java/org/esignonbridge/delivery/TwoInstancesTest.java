package org.esignonbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.esignonbridge.support.ArchiveTest;
import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.SheetTest;
import org.esignonbridge.support.google.GoogleSheetsEmulator;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the product, as processes, on one PostgreSQL or MariaDB database, with the sheet,
 * the archive, the hand-off and a staff route: every delivery is handled once and both instances do part
 * of the work. Then one is killed (kill -9) under load: the other finishes, nothing is lost and
 * nothing is written twice (the hand-off and staff routes are at least once: a repeat carries the same
 * export id, which the receiver drops).
 */
@OnEveryDatabase
class TwoInstancesTest {

    private static final String DATABASE = System.getProperty("test.database.url", "");
    private static final String USER = System.getProperty("test.database.username", "");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, AtomicInteger> handoffs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> staff = new ConcurrentHashMap<>();
    private final List<ProductProcess> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        instances.forEach(ProductProcess::close);
    }

    @Test
    void twoInstancesShareTheWorkAndAKilledOneLosesNothing() throws Exception {
        assumeTrue(DATABASE.startsWith("jdbc:postgresql") || DATABASE.startsWith("jdbc:mariadb"),
                "two processes share a database server, not the in-memory H2");
        Flyway.configure().dataSource(DATABASE, USER, "").cleanDisabled(false).load().clean();
        GoogleSheetsEmulator google = SheetTest.GOOGLE;
        google.reset();
        google.createSpreadsheet("two-instances", "Contracts");
        DocumentServer docs = ArchiveTest.DOCS;
        docs.reset();
        HttpServer receiver = receiver();
        Path work = Files.createTempDirectory("two-instances");
        Path staffRoutes = Files.createDirectories(work.resolve("routes"));
        Files.writeString(staffRoutes.resolve("ledger.camel.yaml"), """
                - route:
                    id: ledger
                    description: Post every accepted export's id to the ledger
                    from:
                      uri: kamelet:esignon-events
                      parameters: {event: export-accepted, subscriber: ledger}
                      steps:
                        - setBody: {simple: "${header.EsignonExportId}"}
                        - convertBodyTo: {type: java.lang.String}
                        - to: "{{ledger.url}}"
                """);
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        List<String> settings = List.of(
                "--esignon.sheets.enabled=true", "--esignon.sheets.spreadsheet-id=two-instances",
                "--esignon.sheets.sheet=Contracts", "--esignon.sheets.root-url=" + google.rootUrl(),
                "--esignon.sheets.credentials-file=" + google.writeServiceAccountKey(work),
                "--esignon.sheets.batch-size=10", "--esignon.sheets.read-timeout=3s", "--esignon.sheets.settle-period=4s",
                "--esignon.archive.directory=" + work.resolve("archive"), "--esignon.archive.allowed-hosts=127.0.0.1",
                "--esignon.archive.allow-insecure-loopback=true",
                "--esignon.handoff.uri=" + base + "/handoff", "--ledger.url=" + base + "/ledger",
                "--camel.main.routes-include-pattern=file:routes/*.yaml,file:" + staffRoutes + "/*.yaml",
                "--esignon.delivery.poll-interval=100ms", "--esignon.delivery.lease=20s",
                "--esignon.delivery.initial-delay=300ms", "--esignon.delivery.max-delay=2s",
                "--esignon.delivery.max-attempts=50");
        ProductProcess a = start(settings);
        ProductProcess b = start(settings);

        List<Long> ids = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            ids.add(post(n % 2 == 0 ? a : b, export(n, docs)));
        }
        awaitEverythingDelivered(ids, 40);
        try (Connection db = connect()) {
            assertThat(query(db, "SELECT COUNT(DISTINCT claimed_by) FROM delivery WHERE state = 'delivered'"
                    + " AND subscriber IN ('archive', 'handoff', 'ledger')")).as("both instances delivered").isEqualTo(2);
        }

        for (int n = 40; n < 80; n++) {
            ids.add(post(n < 60 ? a : b, export(n, docs)));
            if (n == 60) {
                a.kill();                            // kill -9, in the middle of the work: no shutdown hook, no bookkeeping
            }
        }
        awaitEverythingDelivered(ids, 80);

        assertThat(google.rows("two-instances", "Contracts").stream().skip(1).map(row -> Long.valueOf(row.get(0))).toList())
                .as("every export once in the sheet").containsExactlyInAnyOrderElementsOf(ids);
        try (Connection db = connect()) {
            assertThat(query(db, "SELECT COUNT(*) FROM archive_file WHERE state = 'archived'")).isEqualTo(80);
            assertThat(query(db, "SELECT COUNT(DISTINCT wfuid) FROM archive_file WHERE kind = 'document'")).isEqualTo(40);
        }
        assertThat(docs.requests("/pdf")).as("each document fetched once, maybe again by the survivor").isBetween(40, 41);
        List<String> embedIds = ids.stream().filter(id -> ids.indexOf(id) % 2 == 1).map(String::valueOf).toList();
        assertThat(handoffs.keySet()).containsExactlyInAnyOrderElementsOf(embedIds);
        assertThat(staff.keySet()).containsExactlyInAnyOrderElementsOf(ids.stream().map(String::valueOf).toList());
        // at least once: only what the killed instance had in flight may come twice, with the same export id
        assertThat(repeats(handoffs) + repeats(staff)).isLessThanOrEqualTo(2);
        receiver.stop(0);
    }

    private void awaitEverythingDelivered(List<Long> ids, int exports) {
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            try (Connection db = connect()) {
                return query(db, "SELECT COUNT(*) FROM delivery WHERE state = 'delivered' AND subscriber = 'sheet'") == exports
                        && query(db, "SELECT COUNT(*) FROM delivery WHERE state = 'delivered' AND subscriber = 'archive'") == exports / 2
                        && query(db, "SELECT COUNT(*) FROM delivery WHERE state = 'delivered' AND subscriber = 'handoff'") == exports / 2
                        && query(db, "SELECT COUNT(*) FROM delivery WHERE state = 'delivered' AND subscriber = 'ledger'") == exports;
            }
        });
        assertThat(ids).hasSize(exports);
    }

    /** Even: a completed contract (sheet, archive, ledger); odd: an embed-mode step with a signing link (sheet, hand-off, ledger). */
    private static String export(int n, DocumentServer docs) {
        if (n % 2 == 0) {
            return ProductTest.sample("05-embed-complete.json").replace("20261104-002310", "two-" + n)
                    .replaceFirst("\"download_url\": \"[^\"]*\"", "\"download_url\": \"" + docs.url("/pdf?doc=" + n) + "\"")
                    .replaceFirst("\"cert_url\": \"[^\"]*\"", "\"cert_url\": \"" + docs.url("/cert?doc=" + n) + "\"");
        }
        return ProductTest.sample("04-embed-playing.json").replace("\"actionid\": \"", "\"actionid\": \"" + n + "-");
    }

    private static int repeats(Map<String, AtomicInteger> received) {
        return received.values().stream().mapToInt(count -> count.get() - 1).sum();
    }

    private static long post(ProductProcess instance, String body) throws Exception {
        HttpResponse<String> answer = instance.postExport(body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("id").asLong();
    }

    private ProductProcess start(List<String> settings) {
        ProductProcess instance = ProductProcess.fromClasspath().jvm("-Xmx384m").args(settings).start();
        instances.add(instance);
        return instance;
    }

    private HttpServer receiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/handoff", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                handoffs.computeIfAbsent(exchange.getRequestHeaders().getFirst("esignon-export-id"), id -> new AtomicInteger()).incrementAndGet();
                exchange.sendResponseHeaders(202, -1);
            }
        });
        server.createContext("/ledger", exchange -> {
            try (exchange) {
                String id = new String(exchange.getRequestBody().readAllBytes()).trim();
                staff.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(DATABASE, USER, "");
    }

    private static long query(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
