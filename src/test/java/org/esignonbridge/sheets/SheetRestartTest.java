package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.SheetTest;
import org.esignonbridge.support.StartedProduct;
import org.esignonbridge.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The product stops after Google applied an append and before the product recorded it: the next
 * start finds the rows in the sheet and does not write them again.
 */
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
            "--esignon.sheets.poll-interval=100ms",
            "--esignon.sheets.read-timeout=60s",
        };

        try (StartedProduct first = StartedProduct.start(settings)) {
            TestDatabase.empty(first.bean(JdbcTemplate.class));
            google.applyThenHangNextWrites(1, Duration.ofSeconds(30));

            HttpResponse<String> answer = first.postExport(ProductTest.sample("02-approve-complete.json"));

            assertThat(answer.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> google.appliedAppends() == 1);
        } // stopped while waiting for Google's answer: the append is applied, not recorded

        try (StartedProduct second = StartedProduct.start(settings)) {
            JdbcTemplate jdbc = second.bean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    jdbc.queryForObject("SELECT COUNT(*) FROM sheet_row WHERE sent_at IS NOT NULL", Long.class) == 1);

            assertThat(google.rows("restart-sheet", "Contracts")).hasSize(2);
            assertThat(google.appendCalls()).isEqualTo(1);
        }
    }
}
