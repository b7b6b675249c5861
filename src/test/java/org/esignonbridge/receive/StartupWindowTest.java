package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;

/**
 * Tomcat listens a moment before the webhook's route runs. A sender that posts the moment the port
 * opens is told to try again (503 with Retry-After), never 404: every export it was told is
 * accepted is stored.
 */
class StartupWindowTest {

    @Test
    void anExportSentWhileTheProductStartsIsStoredOrRefusedWithRetryAfter() throws Exception {
        try (ProductProcess product = ProductProcess.fromClasspath().args("--esignon.spool.directory=target/startup-window-spool").launch()) {
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> accepted = new ArrayList<>();
            int afterHealthy = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            for (int n = 0; afterHealthy < 20 && product.isAlive() && System.nanoTime() < deadline; n++) {
                String body = ProductTest.sample("02-approve-complete.json").replace("\"actionid\": \"2\"", "\"actionid\": \"startup-" + n + "\"");
                HttpResponse<String> answer;
                try {
                    answer = product.postExport(body);
                } catch (UncheckedIOException notListeningYet) {
                    continue;
                }
                statuses.merge(answer.statusCode(), 1, Integer::sum);
                if (answer.statusCode() == 503) {
                    assertThat(answer.headers().firstValue("Retry-After")).as(answer.body()).isPresent();
                    assertThat(answer.body()).contains("\"error\":\"unavailable\"");
                } else if (answer.statusCode() == 200) {
                    accepted.add(body);
                }
                if (product.isHealthy()) {
                    afterHealthy++;
                }
            }

            assertThat(afterHealthy).as("started and healthy within two minutes: %s", product.log()).isEqualTo(20);
            assertThat(statuses).as(product.log()).containsOnlyKeys(503, 200);
            for (String body : accepted) {
                assertThat(product.postExport(body).body()).as("stored before: sent again, it is a repeat").contains("\"duplicate\":true");
            }
        }
    }
}
