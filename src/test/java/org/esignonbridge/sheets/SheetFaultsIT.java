package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.esignonbridge.support.OwnDatabase;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.google.GoogleSheetsEmulator;
import org.esignonbridge.support.google.GoogleSheetsEmulator.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 as an operator saw it: the packaged jar on PostgreSQL, exports every 1.5 s, and Google
 * (the emulator, its per-minute write quota on) giving one after another the faults it really
 * gives, or down for long. Time is compressed by settings: settle period 5s (production 2m), one
 * append a second; an outage of three attempts stands for one of 30 minutes.
 */
class SheetFaultsIT {

    static final String SECRET = "it-secret-19";
    static final String SPREADSHEET = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms";
    static final String TAB = "Contracts";
    static final Duration SETTLE = Duration.ofSeconds(5);
    static final GoogleSheetsEmulator GOOGLE = GoogleSheetsEmulator.start();

    @TempDir
    Path folder;

    final List<Long> ids = new CopyOnWriteArrayList<>();
    OwnDatabase database;

    @BeforeEach
    void freshDatabaseAndSheet() {
        database = OwnDatabase.beside("sheet_it").create();
        GOOGLE.reset();
        GOOGLE.createSpreadsheet(SPREADSHEET, TAB);
    }

    @AfterEach
    void dropTheDatabase() {
        database.close();
    }

    @AfterAll
    static void stopGoogle() {
        GOOGLE.close();
    }

    @Test
    void everyHiccupGoogleGivesIsMetAndEveryRowLandsOnceSoonAfterTheLast() throws Exception {
        GOOGLE.failNextWrites(1, 429, 1);
        GOOGLE.failNextWrites(1, 429, 1);
        GOOGLE.applyThenFailNextWrites(1, 500);
        GOOGLE.applyThenDropNextWrites(1);
        GOOGLE.failNextWrites(1, 503, null);

        try (ProductProcess product = start(); Exports exports = new Exports(product)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> GOOGLE.faultsLeft() == 0);
            Instant lastFault = Instant.now();
            exports.close();

            await().atMost(SETTLE.plusSeconds(15)).until(() -> idsInSheet().size() >= ids.size());
            assertThat(Duration.between(lastFault, Instant.now())).isLessThan(SETTLE.plusSeconds(15));
            assertThat(idsInSheet()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids.stream().map(String::valueOf).toList());

            List<Instant> appends = GOOGLE.requests().stream().filter(RecordedRequest::append).map(RecordedRequest::at).toList();
            for (int i = 1; i <= 2; i++) {
                assertThat(Duration.between(appends.get(i - 1), appends.get(i))).as("rows behind the %d. 429", i).isLessThan(SETTLE);
            }
            String log = product.log();
            List<String> failureLines = log.substring(log.indexOf("Started EsignonBridgeApplication")).lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                    || line.startsWith("\tat ")).toList();
            assertThat(failureLines).as(String.join("\n", failureLines)).hasSize(5)
                    .allSatisfy(line -> assertThat(line).contains("Subscriber sheet: ").contains(" not delivered, attempt "));
        }
    }

    @Test
    void aLongOutageParksNoRowShowsTheSheetLateWithItsCauseAndEveryRowLandsOnceSoonAfter() throws Exception {
        GOOGLE.outage(503);

        try (ProductProcess product = start("--esignon.delivery.max-attempts=2", "--esignon.health.backlog-max-age=3s");
             Exports exports = new Exports(product)) {
            // the first rows tried three times at least: max-attempts (2) would have parked them
            await().atMost(Duration.ofSeconds(60)).until(() -> product.log().contains(" not delivered, attempt 3: "));

            JsonNode sheet = ProductTest.json(get(product, "/actuator/health")).at("/components/backlog/details/subscribers/sheet");
            assertThat(sheet.path("late").asBoolean()).as(sheet.toString()).isTrue();
            assertThat(sheet.path("failure").asText()).isEqualTo("unknown-outcome");
            assertThat(sheet.path("lastError").asText()).startsWith("outcome unknown: Google answered 503");
            assertThat(get(product, "/actuator/prometheus").body())
                    .contains("esignon_subscriber_failing{cause=\"unknown-outcome\",subscriber=\"sheet\"} 1.0")
                    .contains("esignon_subscriber_parked{subscriber=\"sheet\"} 0.0");

            GOOGLE.outage(null);
            Instant back = Instant.now();
            exports.close();

            await().atMost(SETTLE.multipliedBy(2)).until(() -> idsInSheet().size() >= ids.size());
            assertThat(Duration.between(back, Instant.now())).isLessThan(SETTLE.multipliedBy(2));
            assertThat(idsInSheet()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids.stream().map(String::valueOf).toList());
            assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM delivery WHERE state = 'parked'", Long.class)).isZero();
        }
    }

    private static final String ADMIN_TOKEN = "it-admin-token-5e0c2a";

    private HttpResponse<String> get(ProductProcess product, String path) {
        return product.getManagement(path, "Authorization", "Bearer " + ADMIN_TOKEN);   // health's details are for the admin
    }

    private ProductProcess start(String... more) {
        Path key = GOOGLE.writeServiceAccountKey(folder);
        List<String> args = new ArrayList<>(List.of(
                "--esignon.sheets.enabled=true", "--esignon.sheets.spreadsheet-id=" + SPREADSHEET, "--esignon.sheets.sheet=" + TAB,
                "--esignon.sheets.root-url=" + GOOGLE.rootUrl(), "--esignon.sheets.credentials-file=" + key,
                "--esignon.sheets.read-timeout=2s", "--esignon.sheets.settle-period=" + SETTLE.toSeconds() + "s",
                "--esignon.sheets.append-interval=1s", "--esignon.delivery.poll-interval=200ms",
                "--esignon.archive.enabled=false", "--esignon.handoff.enabled=false", "--esignon.admin.token=" + ADMIN_TOKEN));
        args.addAll(List.of(more));
        return ProductProcess.packagedJar(folder).secret(SECRET).env(Map.of(
                        "DATABASE_URL", database.url(),
                        "DATABASE_USERNAME", OwnDatabase.username(),
                        "DATABASE_PASSWORD", "")).args(args).start();
    }

    private List<String> idsInSheet() {
        return GOOGLE.rows(SPREADSHEET, TAB).stream().skip(1).map(row -> row.get(0)).toList();
    }

    /** A new export every 1.5 s, as a busy eSignon sends them, until closed. */
    private final class Exports implements AutoCloseable {

        private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();

        Exports(ProductProcess product) {
            sender.scheduleAtFixedRate(() -> {
                String body = ProductTest.sample("03-reject.json").replace("\"actionid\": \"", "\"actionid\": \"" + ids.size() + "-");
                ids.add(ProductTest.json(product.postExport(body)).get("id").asLong());
            }, 0, 1500, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            sender.shutdown();
            sender.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
