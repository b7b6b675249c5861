package org.esignonbridge.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Embed mode: the next signer's link reaches the company's endpoint (here an HTTP API) once. */
class HandoffTest extends ProductTest {

    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    static final List<String> EXPORT_ID_HEADERS = new CopyOnWriteArrayList<>();
    static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
    static final HttpServer SMS_GATEWAY = smsGateway();

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("esignon.handoff.uri",
                () -> "http://127.0.0.1:" + SMS_GATEWAY.getAddress().getPort() + "/send");
        registry.add("esignon.delivery.poll-interval", () -> "100ms");
        registry.add("esignon.delivery.initial-delay", () -> "200ms");
        registry.add("esignon.delivery.max-delay", () -> "1s");
        registry.add("esignon.delivery.max-attempts", () -> "3");
    }

    @BeforeEach
    void resetGateway() {
        RECEIVED.clear();
        EXPORT_ID_HEADERS.clear();
        FAILURES_LEFT.set(0);
    }

    @Test
    void theNextSignersLinkIsHandedOverOnceWithTheRightFields() throws Exception {
        long id = json(postExport(sample("04-embed-playing.json"))).get("id").asLong();
        postExport(sample("04-embed-playing.json"));

        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(state(id)));

        assertThat(RECEIVED).hasSize(1);
        JsonNode message = JSON.readTree(RECEIVED.get(0));
        assertThat(message.get("export_id").asLong()).isEqualTo(id);
        assertThat(message.get("wfuid").asText()).isEqualTo("20261104-002310");
        assertThat(message.get("next_user_name").asText()).isEqualTo("이서연");
        assertThat(message.get("next_play_user").asText()).isEqualTo("seoyeon.lee@example.com");
        assertThat(message.get("play_url").asText()).isEqualTo("https://docs.esignon.net/play?token=3f2c9a71d0");
        assertThat(message.get("params").get("customer_name").asText()).isEqualTo("홍길동");
        assertThat(EXPORT_ID_HEADERS).containsExactly(String.valueOf(id));
    }

    @Test
    void anEndpointAnswering503IsRetriedPastMaxAttemptsNeverParkedAndTheFailureIsVisibleMeanwhile() {
        FAILURES_LEFT.set(6);   // max-attempts is 3: a 503 took nothing, it is no reason to give up

        long id = json(postExport(sample("04-embed-playing.json"))).get("id").asLong();

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT last_error FROM delivery WHERE export_id = ?", String.class, id) != null);
        assertThat(jdbc.queryForObject("SELECT last_error FROM delivery", String.class)).startsWith("not applied: ").contains("503");
        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(state(id)));
        assertThat(RECEIVED).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT attempts FROM delivery", Integer.class)).isEqualTo(7);
        assertThat(jdbc.queryForObject("SELECT last_error FROM delivery", String.class)).isNull();
    }

    @Test
    void exportsThatAreNotEmbedOrCarryNoLinkAreNotHandedOff() {
        postExport(sample("01-approve-playing.json"));
        postExport(sample("05-embed-complete.json"));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE subscriber = 'handoff'", Long.class)).isZero();
    }

    private String state(long exportId) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT state FROM delivery WHERE subscriber = 'handoff' AND export_id = ?", exportId);
        return rows.isEmpty() ? null : (String) rows.get(0).get("state");
    }

    private static HttpServer smsGateway() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/send", exchange -> {
                try (exchange) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    if (FAILURES_LEFT.getAndDecrement() > 0) {
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                    RECEIVED.add(body);
                    EXPORT_ID_HEADERS.add(exchange.getRequestHeaders().getFirst("esignon-export-id"));
                    exchange.sendResponseHeaders(202, -1);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
