package org.esignonbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Error handling is the engine's: a route file with no error handling of its own, whose endpoint
 * always fails, is tried max-attempts times and then parked, never called for ever; and the deliveries
 * behind it go on.
 */
@OnEveryDatabase
@TestPropertySource(properties = {
    "camel.main.routes-include-pattern=file:routes/*.yaml,file:target/bounded-delivery-test${test.fork:}/*.yaml",
    "esignon.delivery.poll-interval=100ms", "esignon.delivery.initial-delay=100ms", "esignon.delivery.max-attempts=3"})
class BoundedDeliveryTest extends ProductTest {

    static final Path STAFF = staffRoutes();

    @Test
    void aRouteThatAlwaysFailsIsBoundedByMaxAttemptsAndTheDeliveriesBehindItGoOn() {
        long failing = json(postExport(sample("03-reject.json").replace("보증금", "FAIL"))).get("id").asLong();
        long fine = json(postExport(sample("03-reject.json").replace("\"actionid\": \"", "\"actionid\": \"2-"))).get("id").asLong();

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("flaky-chat", "parked") == 1
                && deliveries("flaky-chat", "delivered") == 1);

        assertThat(jdbc.queryForMap("SELECT event_id, attempts, last_error FROM delivery WHERE state = 'parked'"))
                .containsEntry("event_id", failing).containsEntry("attempts", 3)
                .hasEntrySatisfying("last_error", error -> assertThat(error.toString()).contains("the chat refused it"));
        assertThat(jdbc.queryForObject("SELECT event_id FROM delivery WHERE subscriber = 'flaky-chat' AND state = 'delivered'",
                Long.class)).isEqualTo(fine);
        assertThat(deliveries.parked("flaky-chat", 10)).hasSize(1);
        assertThat(deliveries.pending("flaky-chat", 10)).isEmpty();
    }

    private static Path staffRoutes() {
        try {
            Path dir = Files.createDirectories(folder("bounded-delivery-test"));
            Files.writeString(dir.resolve("flaky-chat.camel.yaml"), """
                    - route:
                        id: flaky-chat
                        description: Post rejections to a chat that refuses some of them (no error handling here)
                        from:
                          uri: kamelet:esignon-events
                          parameters: {event: contract-rejected, subscriber: flaky-chat, delay: 100ms}
                          steps:
                            - filter:
                                simple: "${body[opinion]} contains 'FAIL'"
                                steps:
                                  - throwException:
                                      exceptionType: java.lang.IllegalStateException
                                      message: the chat refused it
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
