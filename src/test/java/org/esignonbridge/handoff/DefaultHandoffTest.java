package org.esignonbridge.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/** Without a configured endpoint, the link is logged masked. */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "esignon.delivery.poll-interval=100ms")
class DefaultHandoffTest extends ProductTest {

    @Test
    void theLinkIsLoggedWithoutItsToken(CapturedOutput log) {
        long id = json(postExport(sample("04-embed-playing.json"))).get("id").asLong();

        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(jdbc.queryForObject(
                "SELECT state FROM delivery WHERE subscriber = 'handoff' AND export_id = ?", String.class, id)));

        await().atMost(Duration.ofSeconds(5)).until(() -> log.getOut().contains("the next signer of document 20261104-002310"));
        assertThat(log.getOut()).contains("https://docs.esignon.net/play?****").doesNotContain("3f2c9a71d0");
    }
}
