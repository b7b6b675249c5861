package org.esignonbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Raw bodies older than the retention are forgotten in small batches; everything else stays. */
@OnEveryDatabase
@TestPropertySource(properties = {
    "esignon.retention.raw-bodies=90d",
    "esignon.retention.interval=300ms",
    "esignon.retention.batch-size=2"})
class RetentionTest extends ProductTest {

    @Test
    void rawAndRejectedBodiesOlderThanTheRetentionGoTheParsedRowsStay() {
        for (String sample : SAMPLES) {
            postExport(sample(sample));
        }
        postExport("{\"header\":{\"api_name\":\"export\"},\"body\":{\"wfuid\":\"old\"}}");
        postExport("not json at all");
        LocalDateTime old = LocalDateTime.now(ZoneOffset.UTC).minusDays(91);
        // four of five exports and one of two rejected bodies are older than 90 days: two batches of exports
        jdbc.update("UPDATE esignon_export SET received_at = ? WHERE wfuid <> '20261103-000911'", old);
        jdbc.update("UPDATE esignon_rejected_export SET received_at = ? WHERE raw_body LIKE '%old%'", old);

        await().atMost(Duration.ofSeconds(20)).until(() -> count("esignon_export WHERE raw_body IS NULL") == 4
                && count("esignon_rejected_export") == 1);

        assertThat(jdbc.queryForObject("SELECT raw_body FROM esignon_export WHERE wfuid = '20261103-000911'", String.class))
                .contains("20261103-000911");
        assertThat(count("esignon_export WHERE raw_body IS NULL AND wfuid IS NOT NULL AND dedupe_key IS NOT NULL")).isEqualTo(4);
        assertThat(count("esignon_export_param")).isPositive();
        assertThat(jdbc.queryForObject("SELECT raw_body FROM esignon_rejected_export", byte[].class)).asString(StandardCharsets.UTF_8).isEqualTo("not json at all");
        // a repeat of a forgotten export is still recognised
        assertThat(json(postExport(sample("02-approve-complete.json"))).get("duplicate").asBoolean()).isTrue();
    }
}
