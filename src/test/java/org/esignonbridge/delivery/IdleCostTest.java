package org.esignonbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.TestPropertySource;

/**
 * Idle, the engine costs one shared query per poll interval whatever the number of subscribers
 * (here the sheet, the archive and the hand-off): measured as PostgreSQL counts transactions.
 */
@OnEveryDatabase
@EnabledIfSystemProperty(named = TestDatabaseServer.URL, matches = "jdbc:postgresql:.*", disabledReason = "pg_stat_database is PostgreSQL's")
@TestPropertySource(properties = {
    "esignon.delivery.poll-interval=1s", "esignon.sheets.enabled=true", "esignon.sheets.spreadsheet-id=idle",
    "esignon.sheets.credentials-file=/nonexistent/key.json"})   // read on first use, and idle there is none
class IdleCostTest extends ProductTest {

    /** A second of an idle product: the shared query, the sheet's lease, and what PostgreSQL published late. */
    private static final int IDLE_SECOND = 5;

    @Test
    void anIdleProductWithTheSheetEnabledRunsAFewTransactionsPerPollInterval() {
        String url = System.getProperty(TestDatabaseServer.URL);
        String database = jdbc.queryForObject("SELECT current_database()", String.class);
        // read from another database of the server, so that the test's own reads are not counted
        String another = database.equals("postgres") ? "template1" : "postgres";
        SingleConnectionDataSource server = new SingleConnectionDataSource(
                url.replaceFirst("/" + database, "/" + another), System.getProperty(TestDatabaseServer.USERNAME), "", true);
        JdbcTemplate stats = new JdbcTemplate(server);
        try {
            // PostgreSQL publishes a session's counts late: an idle pooled connection's (the start's
            // migrations) only after it has been idle 10 s (PGSTAT_IDLE_INTERVAL). The start's own work has
            // landed once eleven seconds in a row go by with no more than an idle second's transactions
            long[] last = {transactions(stats, database)};
            int[] quietSeconds = {0};
            await().pollInterval(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(60)).until(() -> {
                long now = transactions(stats, database);
                quietSeconds[0] = now - last[0] <= IDLE_SECOND ? quietSeconds[0] + 1 : 0;
                last[0] = now;
                return quietSeconds[0] > 10;
            });
            long before = transactions(stats, database);

            // then for ten seconds the count stays within the budget: before the engine about 25,000 in
            // 10 s; now one shared query a second and the sheet's lease
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(transactions(stats, database) - before).as("transactions since the product went idle")
                            .isLessThanOrEqualTo(30));   // measured 22
        } finally {
            server.destroy();
        }
    }

    private static long transactions(JdbcTemplate stats, String database) {
        return stats.queryForObject("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = ?", Long.class, database);
    }
}
