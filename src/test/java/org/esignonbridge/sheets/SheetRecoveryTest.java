package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.esignonbridge.support.SheetTest;
import org.esignonbridge.support.google.GoogleSheetsEmulator.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Google back after a hiccup or an outage: the rows behind go as soon as it answers again, a quota
 * answer never costs a settle period, an outage parks nothing, and each failed attempt is one line.
 * Time is compressed: settle period 4s (production: 2m), one append a second, max-attempts 2.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"esignon.sheets.settle-period=4s", "esignon.sheets.append-interval=1s",
    "esignon.delivery.max-attempts=2", "esignon.health.backlog-max-age=2s", "esignon.admin.token=" + SheetRecoveryTest.ADMIN_TOKEN})
@AutoConfigureObservability(tracing = false)
class SheetRecoveryTest extends SheetTest {

    static final String ADMIN_TOKEN = "admin-token-sheet-7d2b";


    static final Duration SETTLE = Duration.ofSeconds(4);

    @Value("${esignon.sheets.settle-period}")
    Duration settle;

    @Test
    void rowsBehindA429GoAfterGooglesRetryAfterNotAfterASettlePeriod() {
        assertThat(settle).isEqualTo(SETTLE);
        GOOGLE.failNextWrites(2, 429, 1);

        long id = exportAccepted(1);

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("sheet", "delivered") == 1);
        assertThat(idsInSheet()).containsExactly(String.valueOf(id));
        List<Instant> appends = GOOGLE.requests().stream().filter(RecordedRequest::append).map(RecordedRequest::at).toList();
        assertThat(appends).hasSize(3);
        for (int i = 1; i < appends.size(); i++) {
            assertThat(Duration.between(appends.get(i - 1), appends.get(i))).as("wait after the %d. 429", i).isLessThan(SETTLE);
        }
    }

    @Test
    void aLongOutageParksNoRowShowsInHealthAndMetricsAndEveryRowLandsOnceSoonAfter() throws Exception {
        GOOGLE.outage(503);
        List<Long> ids = new CopyOnWriteArrayList<>();
        ScheduledExecutorService exports = Executors.newSingleThreadScheduledExecutor();
        try {
            exports.scheduleAtFixedRate(() -> ids.add(exportAccepted(ids.size() + 1)), 0, 500, TimeUnit.MILLISECONDS);
            // three attempts of the first rows at least: max-attempts (2) would have parked them
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT COALESCE(MAX(attempts), 0) FROM delivery WHERE subscriber = 'sheet'", Integer.class) >= 3);

            JsonNode sheet = json(send(HttpRequest.newBuilder(managementUri("/actuator/health"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).build()))   // health's details are for the admin
                    .at("/components/backlog/details/subscribers/sheet");
            assertThat(sheet.path("late").asBoolean()).as(sheet.toString()).isTrue();
            assertThat(sheet.path("failure").asText()).isEqualTo("unknown-outcome");
            assertThat(sheet.path("lastError").asText()).contains("Google answered 503");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(prometheus())
                    .contains("esignon_subscriber_failing{cause=\"unknown-outcome\",subscriber=\"sheet\"} 1.0")
                    .contains("esignon_subscriber_failing{cause=\"failed\",subscriber=\"sheet\"} 0.0"));
            assertThat(deliveries("sheet", "parked")).isZero();

            GOOGLE.outage(null);
            Instant back = Instant.now();

            await().atMost(SETTLE.multipliedBy(2).plusSeconds(2)).until(() -> deliveries("sheet", "pending") == 0);
            assertThat(Duration.between(back, Instant.now())).isLessThan(SETTLE.multipliedBy(2));
        } finally {
            exports.shutdownNow();
            exports.awaitTermination(5, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("sheet", "pending") == 0);
        assertThat(deliveries("sheet", "parked")).isZero();
        // every stored export, also one whose answer the stop of the sender cut off before its id was noted
        List<String> stored = jdbc.queryForList("SELECT id FROM esignon_export", Long.class).stream().map(String::valueOf).toList();
        assertThat(stored).containsAll(ids.stream().map(String::valueOf).toList());
        assertThat(idsInSheet()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    void aFailedBatchOfFiveHundredRowsWritesOneLine(CapturedOutput log) throws Exception {
        camel.getRouteController().stopRoute(subscriberRoute("sheet"));
        List<Long> ids = new ArrayList<>();
        for (int n = 1; n <= 500; n++) {
            ids.add(exportAccepted(n));
        }
        GOOGLE.applyThenFailNextWrites(1, 500);
        int before = log.getOut().length();

        camel.getRouteController().startRoute(subscriberRoute("sheet"));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("sheet", "delivered") == 500);
        assertThat(idsInSheet()).hasSize(500).doesNotHaveDuplicates();
        List<String> lines = log.getOut().substring(before).lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                || line.startsWith("\tat ") || line.contains("Exception")).toList();
        assertThat(lines).as(String.join("\n", lines)).hasSizeLessThanOrEqualTo(2).hasSize(1);
        assertThat(lines.get(0)).contains("Subscriber sheet: 500 events (exports " + ids.get(0) + " to " + ids.get(499) + ") not delivered, attempt 1")
                .contains("outcome unknown: Google answered 500").contains("Next attempt in");
    }

    private long exportAccepted(int n) {
        return json(postExport(distinctExport("03-reject.json", n))).get("id").asLong();
    }

    private String prometheus() {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build()).body();
    }

    private List<String> idsInSheet() {
        return sheetRows().stream().skip(1).map(row -> row.get(0)).toList();
    }
}
