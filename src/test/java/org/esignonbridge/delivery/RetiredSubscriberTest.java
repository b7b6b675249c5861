package org.esignonbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.operations.DeliveryBacklog;
import org.esignonbridge.support.AdminSession;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A subscriber whose route was removed (from this instance at run time, or from the files before a
 * deploy, so that no instance registers it) is retired after retire-after: nothing new is queued
 * for it, the admin page shows it with what it still has, and it is active again when its route is back.
 */
@OnEveryDatabase
@TestPropertySource(properties = {
    "camel.main.routes-include-pattern=file:routes/*.yaml,classpath:staff-routes/*.yaml",
    "chat.webhook-url=http://127.0.0.1:9/hook", "esignon.admin.token=" + RetiredSubscriberTest.TOKEN,
    "esignon.delivery.poll-interval=100ms", "esignon.delivery.retire-after=3s"})
class RetiredSubscriberTest extends ProductTest {

    static final String TOKEN = "admin-token-retired-7d2f";

    @Test
    void aRemovedRouteIsRetiredAfterRetireAfterGetsNothingNewIsShownWithItsBacklogAndComesBack() throws Exception {
        // a subscriber an earlier deployment ran, with one delivery still waiting, and a route removed here
        jdbc.update("INSERT INTO subscriber (name, event, start_at, created_at, seen_at) VALUES ('old-chat', 'contract-completed', 'now', ?, ?)",
                now(), now());
        queue("old-chat");
        camel.getRouteController().stopRoute("rejections-to-a-chat-that-is-down");
        camel.removeRoute("rejections-to-a-chat-that-is-down");

        await().atMost(Duration.ofSeconds(15)).until(() -> retired("old-chat") && retired("chat-down"));
        assertThat(retired("archive")).as("a subscriber whose route runs is kept seen").isFalse();

        postExport(sample("02-approve-complete.json").replace("\"actionid\": \"", "\"actionid\": \"2-"));
        postExport(sample("03-reject.json"));
        assertThat(deliveries("old-chat", "pending")).as("nothing new for a retired subscriber").isOne();
        assertThat(queued("chat-down")).isZero();
        queue("chat-down");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> jdbc.queryForObject(
                "SELECT attempts FROM delivery WHERE subscriber = 'chat-down'", Integer.class) == 0);   // what it has is not tried here
        assertThat(queued("archive")).as("an active subscriber of the same event has it").isOne();

        String page = AdminSession.signIn(managementUri(""), TOKEN).get("/admin").body();
        assertThat(page).contains("Retired subscribers");
        assertThat(page.substring(page.indexOf("id=\"retired-subscribers\""))).contains("<td>old-chat</td><td>1</td>")
                .contains("<td>chat-down</td><td>1</td>").doesNotContain("<td>archive</td>");

        // its route deployed again
        subscribers.register(new Subscriber("old-chat", Event.CONTRACT_COMPLETED, false, 1, false, Duration.ofMinutes(2),
                new RetryPolicy(3, Duration.ofSeconds(1), 2, Duration.ofSeconds(5))));
        assertThat(retired("old-chat")).isFalse();
        postExport(sample("02-approve-complete.json").replace("\"actionid\": \"", "\"actionid\": \"3-"));
        assertThat(deliveries("old-chat", "pending")).isEqualTo(2);
    }

    private boolean retired(String subscriber) {
        return deliveries.subscribers().stream().filter(s -> s.name().equals(subscriber)).findFirst()
                .map(DeliveryBacklog.Backlog::retired).orElseThrow();
    }

    /** A delivery waiting for the subscriber, as fan-out leaves it. */
    private void queue(String subscriber) {
        jdbc.update("INSERT INTO delivery (subscriber, event_id, export_id, state, attempts, next_attempt_at, created_at)"
                + " VALUES (?, 99, 99, 'pending', 0, ?, ?)", subscriber, now(), now());
    }

    private long queued(String subscriber) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE subscriber = ?", Long.class, subscriber);
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
