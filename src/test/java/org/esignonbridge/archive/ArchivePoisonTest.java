package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.esignonbridge.support.ArchiveTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A link that fails in a way nobody foresaw (the HTTP client throws IllegalArgumentException, not an
 * IOException) counts its attempts, is parked after max-attempts, and newer contracts are archived.
 */
class ArchivePoisonTest extends ArchiveTest {

    @ParameterizedTest
    @ValueSource(strings = {"port out of range", "redirect Location with a space"})
    void aLinkThatThrowsSomethingUnexpectedIsParkedAndNewerContractsAreArchived(String kind) {
        String url = kind.startsWith("port") ? "http://127.0.0.1:70000/a.pdf"
                : DOCS.url("/redirect?to=" + URLEncoder.encode(DOCS.url("/pdf?doc=a b"), StandardCharsets.UTF_8));
        for (int n = 0; n < 5; n++) {
            postExport(completeExport("poison-" + n, url, null));
        }
        long parked = 5;

        postExport(completeExport("20261104-002399", DOCS.url("/pdf?doc=N"), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM archive_file WHERE wfuid = '20261104-002399' AND state = 'archived'", Long.class) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("archive", "parked") == parked);
        assertThat(jdbc.queryForList("SELECT attempts FROM delivery WHERE state = 'parked'", Integer.class)).containsOnly(3);
        assertThat(jdbc.queryForList("SELECT last_error FROM delivery WHERE state = 'parked'", String.class))
                .allSatisfy(error -> assertThat(error).contains(kind.startsWith("port") ? "port" : "Illegal character"));
    }
}
