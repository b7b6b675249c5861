package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.SheetTest;
import org.esignonbridge.support.StartedProduct;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The product stops after Google applied an append and before the product recorded it: the next
 * start finds the rows in the sheet and does not write them again.
 */
@OnEveryDatabase
class SheetRestartTest {

    @Test
    void aRestartBetweenTheAppendAndItsBookkeepingLeavesNoDuplicateRow() throws Exception {
        var google = SheetTest.GOOGLE;
        google.reset();
        google.createSpreadsheet("restart-sheet", "Contracts");
        Path key = google.writeServiceAccountKey(Files.createTempDirectory("google-key"));
        String[] settings = {
            "--esignon.sheets.enabled=true",
            "--esignon.sheets.spreadsheet-id=restart-sheet",
            "--esignon.sheets.sheet=Contracts",
            "--esignon.sheets.root-url=" + google.rootUrl(),
            "--esignon.sheets.credentials-file=" + key,
            "--esignon.delivery.poll-interval=100ms",
            "--esignon.sheets.read-timeout=5s",
            "--esignon.sheets.settle-period=6s",
        };

        try (StartedProduct first = StartedProduct.start(settings)) {
            first.emptyDatabase();
            google.applyThenHangNextWrites(1, Duration.ofSeconds(30));

            HttpResponse<String> answer = first.postExport(ProductTest.sample("02-approve-complete.json"));

            assertThat(answer.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> google.appliedAppends() == 1);
        } // stopped while waiting for Google's answer: the append is applied, not recorded

        try (StartedProduct second = StartedProduct.start(settings)) {
            JdbcTemplate jdbc = second.bean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE state = 'delivered'", Long.class) == 1);

            assertThat(google.rows("restart-sheet", "Contracts")).hasSize(2);
            assertThat(google.appendCalls()).isEqualTo(1);
        }
    }
}
