package org.esignonbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A failed delivery attempt writes one log line, the engine's, also for a staff route written as
 * the recipes are (no error handling of its own): an outage no longer floods the log. A route that
 * is no subscriber keeps Camel's own error log.
 */
@TestPropertySource(properties = {
    "camel.main.routes-include-pattern=file:routes/*.yaml,classpath:staff-routes/*.yaml",
    "esignon.delivery.poll-interval=100ms", "esignon.delivery.initial-delay=100ms", "esignon.delivery.max-delay=300ms"})
class OneLogLinePerFailedAttemptTest extends ProductTest {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @DynamicPropertySource
    static void aChatThatIsDown(DynamicPropertyRegistry registry) {
        registry.add("chat.webhook-url", () -> "http://127.0.0.1:" + closedPort() + "/hook");
    }

    @BeforeEach
    void listen() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        root.detachAppender(log);
    }

    @Test
    void eachFailedAttemptOfAStaffRouteIsOneWarningOfTheEngine() throws Exception {
        postExport(sample("03-reject.json"));
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts() >= 4);
        camel.getRouteController().stopRoute(subscriberRoute("chat-down"));   // the attempt under way ends, logged

        List<ILoggingEvent> lines = warnings().stream()
                .filter(line -> line.getFormattedMessage().contains("chat-down")
                        || line.getFormattedMessage().contains("Exhausted after delivery attempt"))
                .toList();
        assertThat(lines).hasSize(attempts()).allSatisfy(line -> {
            assertThat(line.getLoggerName()).isEqualTo(Deliveries.class.getName());
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getThrowableProxy()).as("no stack trace").isNull();
            assertThat(line.getFormattedMessage()).startsWith("Subscriber chat-down: event ").contains("not applied");
        });
    }

    @Test
    void aRouteThatIsNoSubscriberKeepsCamelsErrorLog() {
        assertThatThrownBy(() -> camel.createProducerTemplate().sendBody("direct:a-route-that-fails", "x"))
                .hasRootCauseMessage("the route's own failure");

        assertThat(warnings()).filteredOn(line -> line.getFormattedMessage().contains("the route's own failure")).singleElement()
                .satisfies(line -> {
                    assertThat(line.getLevel()).isEqualTo(Level.ERROR);
                    assertThat(line.getFormattedMessage()).contains("Exhausted after delivery attempt: 1");
                });
    }

    private List<ILoggingEvent> warnings() {
        return List.copyOf(log.list).stream().filter(line -> line.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    private int attempts() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(attempts), 0) FROM delivery WHERE subscriber = 'chat-down'", Integer.class);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
