package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.esignonbridge.support.SheetTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Errors retrying cannot fix: the rows wait with the error recorded and go out once it is fixed. */
@ExtendWith(OutputCaptureExtension.class)
class SheetConfigurationErrorTest extends SheetTest {

    @Test
    void aSheetNotSharedWithTheServiceAccountKeepsRowsPendingUntilItIsShared(CapturedOutput log) {
        GOOGLE.forbid(SPREADSHEET, true);

        long id = json(postExport(sample("02-approve-complete.json"))).get("id").asLong();

        awaitErrorRecorded(id, "403");
        assertThat(sheetRows()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> log.getOut().contains("Share the spreadsheet with the service account"));

        GOOGLE.forbid(SPREADSHEET, false);

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("sheet", "delivered") == 1);
        assertThat(sheetRows()).hasSize(2);
        assertThat(sheetRows().get(1).get(0)).isEqualTo(String.valueOf(id));
    }

    @Test
    void aSpreadsheetThatDoesNotExistKeepsRowsPendingUntilItDoes(CapturedOutput log) {
        GOOGLE.reset();

        long id = json(postExport(sample("02-approve-complete.json"))).get("id").asLong();

        awaitErrorRecorded(id, "404");
        await().atMost(Duration.ofSeconds(10)).until(() -> log.getOut().contains("Check esignon.sheets.spreadsheet-id"));

        GOOGLE.createSpreadsheet(SPREADSHEET, TAB);

        await().atMost(Duration.ofSeconds(20)).until(() -> sheetRows().size() == 2);
    }

    @Test
    void aMissingTabKeepsRowsPendingUntilItIsCreated() {
        GOOGLE.reset();
        GOOGLE.createSpreadsheet(SPREADSHEET, "Sheet1");

        long id = json(postExport(sample("02-approve-complete.json"))).get("id").asLong();

        awaitErrorRecorded(id, "400");

        GOOGLE.createSpreadsheet(SPREADSHEET, "Sheet1", TAB);

        await().atMost(Duration.ofSeconds(20)).until(() -> sheetRows().size() == 2);
    }

    private void awaitErrorRecorded(long exportId, String error) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String recorded = jdbc.queryForObject("SELECT last_error FROM delivery WHERE subscriber = 'sheet' AND export_id = ?", String.class, exportId);
            return recorded != null && recorded.contains(error);
        });
        assertThat(deliveries("sheet", "pending")).isOne();
    }
}
