package org.esignonbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import org.esignonbridge.support.SheetTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/** Google API calls and the rows Google confirmed, as Prometheus sees them. */
@AutoConfigureObservability(tracing = false)
class SheetMetricsTest extends SheetTest {


    @Test
    void googleCallsAndRowsWrittenAreMeasured() {
        for (String sample : new String[] {"01-approve-playing.json", "02-approve-complete.json", "03-reject.json"}) {
            postExport(sample(sample));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> sheetRows().size() == 4);   // a header and three rows

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(prometheus())
                .contains("esignon_sheet_rows_written_total 4.0")
                .containsPattern("camel_exchange_event_notifier_seconds_count\\{[^}]*endpointName=\"google-sheets://data/append[^}]*failed=\"false\"[^}]*} [1-9]"));
    }

    private String prometheus() {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build()).body();
    }
}
