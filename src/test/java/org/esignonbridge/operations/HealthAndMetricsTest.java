package org.esignonbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import org.esignonbridge.support.DatabaseOutage;
import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Health and metrics on the management port, as a load balancer and Prometheus see them: a left-out
 * route file and a database outage make health DOWN, never readiness; every answer of the webhook
 * is counted by outcome and logged once.
 */
@OnEveryDatabase
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability(tracing = false)   // tests switch metrics export off unless asked
@Import(DatabaseOutage.class)
@TestPropertySource(properties = {
    "camel.main.routes-include-pattern=file:routes/*.yaml,file:target/health-test${test.fork:}/*.yaml",
    "esignon.export.max-body-bytes=4KB",
    "esignon.export.worktypes=CF",
    "management.endpoint.health.show-details=always"})   // no admin token here (AdminHardeningTest: details only with it)
class HealthAndMetricsTest extends ProductTest {

    static final Path BROKEN = brokenRouteFile();


    @Autowired
    DatabaseOutage database;

    @Autowired
    BacklogMetrics metrics;

    @AfterEach
    void databaseBack() {
        database.restore();
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).build()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build()).statusCode()).isEqualTo(404);
        assertThat(management("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(management("/admin").statusCode()).as("no esignon.admin.token: no admin").isEqualTo(404);
    }

    @Test
    void withRetentionOffNoBodyIsForgotten() {
        assertThat(camel.getRoute("forget-raw-bodies")).isNull();
        assertThat(camel.getRoute("receive-export")).isNotNull();
    }

    @Test
    void aLeftOutRouteFileMakesHealthDownWithTheFileAndReasonButTheInstanceStaysReady() {
        HttpResponse<String> health = management("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode routeFiles = json(health).at("/components/routeFiles");
        assertThat(routeFiles.path("status").asText()).isEqualTo("DOWN");
        assertThat(routeFiles.at("/details/leftOut/0/file").asText()).isEqualTo(BROKEN.toString());
        assertThat(routeFiles.at("/details/leftOut/0/reason").asText()).startsWith("8: ");
        assertThat(json(health).at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(json(health).at("/components/camelHealth/status").asText()).isEqualTo("UP");

        assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(management("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void aDatabaseOutageShowsInHealthButTheInstanceStaysReady() {
        database.down();

        HttpResponse<String> health = management("/actuator/health");
        assertThat(json(health).at("/components/db/status").asText()).isEqualTo("DOWN");
        assertThat(health.statusCode()).isEqualTo(503);

        HttpResponse<String> readiness = management("/actuator/health/readiness");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(json(readiness).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void aSubscriberBehindForLongerThanTheMaxAgeIsOutOfServiceAndItsBacklogIsMeasured() {
        // two staff subscribers no route runs here: their rows stay as written
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        subscriber("late-staff");
        subscriber("on-time");
        for (int event = 1; event <= 5; event++) {
            delivery("late-staff", event, "pending", 3, now.minusHours(2).plusMinutes(event));
        }
        delivery("late-staff", 6, "parked", 5, now.minusHours(3));
        delivery("late-staff", 7, "parked", 1, now.minusHours(3));
        delivery("on-time", 1, "pending", 0, now.minusMinutes(1));
        for (int event = 2; event <= 41; event++) {
            delivery("on-time", event, "delivered", 1, now.minusDays(1));
        }
        metrics.register();   // what a restart does for subscribers added while running

        JsonNode backlog = json(management("/actuator/health")).at("/components/backlog");

        assertThat(backlog.path("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(backlog.at("/details/subscribers/late-staff/late").asBoolean()).isTrue();
        assertThat(backlog.at("/details/subscribers/late-staff/parked").asLong()).isEqualTo(2);
        assertThat(backlog.at("/details/subscribers/on-time/late").asBoolean()).isFalse();
        assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);

        assertThat(management("/actuator/prometheus").body())
                .contains("esignon_subscriber_pending{subscriber=\"late-staff\"} 5.0")
                .contains("esignon_subscriber_parked{subscriber=\"late-staff\"} 2.0")
                .containsPattern("esignon_subscriber_oldest_pending_seconds\\{subscriber=\"late-staff\"} 71\\d\\d\\.0")
                .contains("esignon_subscriber_delivered_total{subscriber=\"on-time\"} 40.0")
                .contains("esignon_subscriber_retries_total{subscriber=\"late-staff\"} 14.0");

        jdbc.update("UPDATE delivery SET state = 'delivered' WHERE subscriber = 'late-staff' AND state = 'pending'");
        assertThat(json(management("/actuator/health")).at("/components/backlog/status").asText())
                .as("parked deliveries alone wait for a person, they make nothing late").isEqualTo("UP");
    }

    private void subscriber(String name) {
        jdbc.update("INSERT INTO subscriber (name, event, start_at, created_at) VALUES (?, 'contract-rejected', 'now', ?)",
                name, LocalDateTime.now(ZoneOffset.UTC));
    }

    private void delivery(String subscriber, long event, String state, int attempts, LocalDateTime createdAt) {
        jdbc.update("INSERT INTO delivery (subscriber, event_id, export_id, state, attempts, next_attempt_at, last_error, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", subscriber, event, event, state, attempts, createdAt,
                state.equals("parked") ? "HTTP 500" : null, createdAt);
    }

    @Test
    void everyAnswerIsCountedByOutcomeWithItsLatencyAndLoggedOnce(CapturedOutput log) {
        long id = json(postExport(sample("02-approve-complete.json"))).get("id").asLong();
        postExport(sample("02-approve-complete.json"));                                  // duplicate
        postExport(sample("03-reject.json"));                                           // RT: excluded by the filter
        postExport("{\"header\":{\"api_name\":\"export\"},\"body\":{}}");               // invalid
        postExport("{}".getBytes(StandardCharsets.UTF_8), "authorization", "wrong");    // unauthorized
        postExport(new byte[5000], "authorization", SECRET);                            // too large
        database.down();
        postExport(sample("01-approve-playing.json"));                                  // spooled: the database is away
        database.restore();

        String metrics = management("/actuator/prometheus").body();
        for (String outcome : new String[] {"accepted", "duplicate", "excluded", "invalid", "unauthorized", "too_large", "spooled"}) {
            assertThat(metrics).contains("esignon_exports_received_seconds_count{outcome=\"" + outcome + "\"} 1");
        }
        assertThat(metrics).contains("esignon_exports_received_seconds_bucket{outcome=\"accepted\",le=\"");

        assertThat(log.getOut()).containsOnlyOnce("Export " + id + " wfuid=20261102-000173 outcome=accepted status=200 in ")
                .contains("Export " + id + " wfuid=20261102-000173 outcome=duplicate status=200 in ")
                .contains("Export - wfuid=- outcome=unauthorized status=401 in ")
                .doesNotContain(SECRET);
    }

    private HttpResponse<String> management(String path) {
        return send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + managementPort + path)).build());
    }

    private static Path brokenRouteFile() {
        try {
            Path dir = Files.createDirectories(folder("health-test"));
            Path file = dir.resolve("misspelled.camel.yaml");
            Files.writeString(file, """
                    - route:
                        id: misspelled-for-health
                        from:
                          uri: kamelet:esignon-event
                          parameters: {event: export-accepted, subscriber: misspelled-for-health}
                          steps:
                            - setBody: {simple: "${body[wfuid]}"}
                            - lg: "${body}"
                    """);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
