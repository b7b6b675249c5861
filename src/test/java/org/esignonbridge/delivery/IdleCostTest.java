package org.esignonbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;

import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Idle, the engine costs one shared query per poll interval whatever the number of subscribers
 * (here the sheet, the archive and the hand-off): measured as PostgreSQL counts transactions.
 */
@TestPropertySource(properties = {
    "esignon.delivery.poll-interval=1s", "esignon.sheets.enabled=true", "esignon.sheets.spreadsheet-id=idle",
    "esignon.sheets.credentials-file=/nonexistent/key.json"})   // read on first use, and idle there is none
class IdleCostTest extends ProductTest {

    @Test
    void anIdleProductWithTheSheetEnabledRunsAFewTransactionsPerPollInterval() {
        assumeTrue(System.getProperty("test.database.url", "").startsWith("jdbc:postgresql"), "pg_stat_database is PostgreSQL's");
        String database = jdbc.queryForObject("SELECT current_database()", String.class);
        // PostgreSQL publishes a session's counts up to a few seconds late: let the start's own work land first
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
        long before = transactions(database);

        // a measurement window, not a wait for a condition: nothing is supposed to happen in it
        await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);

        long during = transactions(database) - before;
        // before the engine: about 25,000 in 10 s; now one shared query a second, the sheet's lease and
        // this test's own reads (measured 20 to 30)
        assertThat(during).isLessThanOrEqualTo(50);
    }

    private long transactions(String database) {
        jdbc.queryForObject("SELECT pg_stat_clear_snapshot()", Object.class);
        return jdbc.queryForObject("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = ?", Long.class, database);
    }
}
