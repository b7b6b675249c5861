package org.esignonbridge.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Without a configured endpoint, the link is logged with its host alone: a signing link is a credential. */
@ExtendWith(OutputCaptureExtension.class)
class DefaultHandoffTest extends ProductTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "https://docs.esignon.net/play?token=SECRETTOKEN123",
        "https://docs.esignon.net/play/SECRETTOKEN123/",
        "https://docs.esignon.net/play/SECRETTOKEN123/x",
        "https://docs.esignon.net/SECRETTOKEN123",
        "https://docs.esignon.net/play#SECRETTOKEN123",
        "https://user:SECRETTOKEN123@docs.esignon.net/play",
    })
    void theLinkIsLoggedWithItsHostAlone(String link, CapturedOutput log) {
        long id = json(postExport(sample("04-embed-playing.json").replace("https://docs.esignon.net/play?token=3f2c9a71d0", link)))
                .get("id").asLong();

        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(jdbc.queryForObject(
                "SELECT state FROM delivery WHERE subscriber = 'handoff' AND export_id = ?", String.class, id)));

        await().atMost(Duration.ofSeconds(5)).until(() -> log.getOut().contains("the next signer of document 20261104-002310"));
        assertThat(log.getOut()).contains("is to receive https://docs.esignon.net/****").doesNotContain("SECRETTOKEN123");
    }
}
