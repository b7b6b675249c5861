package org.esignonbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.esignonbridge.support.DatabaseOutage;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Health and metrics on the management port, as a load balancer and Prometheus see them: a left-out
 * route file and a database outage make health DOWN, never readiness; every answer of the webhook
 * is counted by outcome and logged once.
 */
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability(tracing = false)   // tests switch metrics export off unless asked
@Import({DatabaseOutage.class, HealthAndMetricsTest.LateSubscriber.class})
@TestPropertySource(properties = {
    "camel.main.routes-include-pattern=file:routes/*.yaml,file:target/health-test/*.yaml",
    "esignon.export.max-body-bytes=4KB",
    "esignon.export.worktypes=CF"})
class HealthAndMetricsTest extends ProductTest {

    static final Path BROKEN = brokenRouteFile();


    @Autowired
    DatabaseOutage database;

    @Autowired
    CamelContext camel;

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
        JsonNode backlog = json(management("/actuator/health")).at("/components/backlog");

        assertThat(backlog.path("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(backlog.at("/details/subscribers/sheet/late").asBoolean()).isTrue();
        assertThat(backlog.at("/details/subscribers/sheet/parked").asLong()).isEqualTo(2);
        assertThat(backlog.at("/details/subscribers/archive/late").asBoolean()).isFalse();
        assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);

        assertThat(management("/actuator/prometheus").body())
                .contains("esignon_subscriber_pending{subscriber=\"sheet\"} 5.0")
                .contains("esignon_subscriber_parked{subscriber=\"sheet\"} 2.0")
                .contains("esignon_subscriber_oldest_pending_seconds{subscriber=\"sheet\"} 7200.0")
                .contains("esignon_subscriber_delivered_total{subscriber=\"archive\"} 40.0")
                .contains("esignon_subscriber_retries_total{subscriber=\"sheet\"} 9.0");
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

    /** The delivery engine as health and metrics see it: the sheet two hours behind, the archive on time. */
    @TestConfiguration(proxyBeanMethods = false)
    static class LateSubscriber {
        @Bean
        Deliveries deliveryBacklog() {
            return () -> java.util.List.of(
                    new Deliveries.Subscriber("sheet", 5, 2, java.time.Duration.ofHours(2), 100, 9),
                    new Deliveries.Subscriber("archive", 1, 0, java.time.Duration.ofMinutes(1), 40, 0));
        }
    }

    private static Path brokenRouteFile() {
        try {
            Path dir = Files.createDirectories(Path.of("target/health-test"));
            Path file = dir.resolve("misspelled.camel.yaml");
            Files.writeString(file, """
                    - route:
                        id: misspelled-for-health
                        from:
                          uri: kamelet:esignon-seam
                          parameters: {seam: export-accepted, subscriber: misspelled-for-health}
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
