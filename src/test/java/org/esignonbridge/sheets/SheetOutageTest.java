package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.esignonbridge.support.SheetTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Google failing in every way it does: rows are delayed, never lost and never written twice. */
class SheetOutageTest extends SheetTest {

    @Test
    void quotaExceededWithRetryAfterDelaysTheRowsButLosesNothing() {
        GOOGLE.failNextWrites(2, 429, 1);

        long id = exportAccepted();

        awaitRowsInSheet(1);
        assertThat(idsInSheet()).containsExactly(String.valueOf(id));
        assertThat(GOOGLE.appendCalls()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503})
    void serverErrorsAreRetried(int status) {
        GOOGLE.failNextWrites(3, status, null);

        long id = exportAccepted();

        awaitRowsInSheet(1);
        assertThat(idsInSheet()).containsExactly(String.valueOf(id));
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 503})
    void googlesHtmlErrorPagesAreRetried(int status) {
        GOOGLE.failNextWritesWithHtml(2, status);

        long id = exportAccepted();

        awaitRowsInSheet(1);
        assertThat(idsInSheet()).containsExactly(String.valueOf(id));
        assertThat(GOOGLE.appendCalls()).isEqualTo(3);
    }

    @Test
    void anAppendGoogleAppliesAfterTheClientStoppedWaitingIsNotWrittenTwice() {
        GOOGLE.applyLateNextWrites(1, Duration.ofMillis(2300));   // read-timeout 2s, settle-period 2.5s

        long id = exportAccepted();

        awaitBookkeepingDone(id);
        assertThat(idsInSheet()).containsExactly(String.valueOf(id));
        assertThat(GOOGLE.appendCalls()).isOne();
        assertThat(GOOGLE.appliedAppends()).isOne();
    }

    @Test
    void rowsAnotherInstallationWroteWithTheSameExportIdsAreNotTakenForThisOnes() {
        // a sheet reused after a move to a new database: ids start again, the old rows carry the old installation's key
        long next = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM esignon_export", Long.class) + 1;
        List<List<Object>> earlier = new java.util.ArrayList<>();
        earlier.add(List.of("export_id", "received_at", "wfuid", "worktype", "status", "useremail", "user_name", "opinion", "row_key"));
        for (long id = next; id < next + 5; id++) {
            earlier.add(List.of(id, "", "old", "CF", "Complete", "", "", "", "other-installation:" + id));
        }
        GOOGLE.seedRows(SPREADSHEET, TAB, earlier);
        GOOGLE.failNextWrites(1, 503, null);                // not applied: the next attempt reads the sheet first

        long id = exportAccepted();

        awaitBookkeepingDone(id);
        assertThat(GOOGLE.appliedAppends()).isOne();
        assertThat(sheetRows()).hasSize(7);
        assertThat(sheetRows().get(6).get(8)).endsWith(":" + id).doesNotStartWith("other-installation");
    }

    @Test
    void anAppendGoogleAppliedBeforeAnswering500IsNotWrittenTwice() {
        GOOGLE.applyThenFailNextWrites(1, 500);

        long id = exportAccepted();

        awaitBookkeepingDone(id);
        assertThat(idsInSheet()).containsExactly(String.valueOf(id));
        assertThat(sheetRows()).hasSize(2);
    }

    @Test
    void anAppendGoogleAppliedBeforeTheConnectionDroppedIsNotWrittenTwice() {
        GOOGLE.applyThenDropNextWrites(1);

        long id = exportAccepted();

        awaitBookkeepingDone(id);
        assertThat(idsInSheet()).containsExactly(String.valueOf(id));
        assertThat(sheetRows()).hasSize(2);
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsReconciledNotRepeated() {
        GOOGLE.applyThenHangNextWrites(1, Duration.ofSeconds(4));

        long id = exportAccepted();

        awaitBookkeepingDone(id);
        assertThat(idsInSheet()).containsExactly(String.valueOf(id));
        assertThat(jdbc.queryForObject("SELECT attempts FROM delivery WHERE subscriber = 'sheet'", Integer.class)).isGreaterThan(1);
    }

    @Test
    void aSlowGoogleDelaysRowsButLosesNone() {
        GOOGLE.delayResponses(Duration.ofSeconds(3));
        long first = exportAccepted();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM delivery WHERE subscriber = 'sheet' AND last_error IS NOT NULL", Long.class) > 0);

        GOOGLE.delayResponses(Duration.ZERO);

        awaitBookkeepingDone(first);
        assertThat(idsInSheet()).containsExactly(String.valueOf(first));
    }

    @Test
    void exportsAreAcceptedWhileGoogleIsDownAndReachTheSheetOnceItIsBack() {
        GOOGLE.failNextWrites(1000, 503, null);

        // the webhook never calls Google: its answer is the store's
        List<Long> ids = new java.util.ArrayList<>();
        for (String sample : List.of("02-approve-complete.json", "03-reject.json")) {
            HttpResponse<String> answer = postExport(sample(sample));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(json(answer).get("accepted").asBoolean()).isTrue();
            ids.add(json(answer).get("id").asLong());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> GOOGLE.appendCalls() >= 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM delivery WHERE subscriber = 'sheet' AND last_error IS NOT NULL", Long.class) == 2);
        assertThat(jdbc.queryForList("SELECT last_error FROM delivery WHERE subscriber = 'sheet'", String.class))
                .allSatisfy(error -> assertThat(error).contains("503"));
        GOOGLE.reset();                                   // Google is back, the spreadsheet as it was: empty
        GOOGLE.createSpreadsheet(SPREADSHEET, TAB);
        awaitRowsInSheet(2);
        assertThat(idsInSheet()).containsExactlyElementsOf(ids.stream().map(String::valueOf).toList());
    }

    private long exportAccepted() {
        return exportAccepted("02-approve-complete.json");
    }

    private long exportAccepted(String sample) {
        return json(postExport(sample(sample))).get("id").asLong();
    }

    private void awaitRowsInSheet(int rows) {
        await().atMost(Duration.ofSeconds(30)).until(() -> sheetRows().size() == rows + 1);
    }

    private void awaitBookkeepingDone(long exportId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM delivery WHERE subscriber = 'sheet' AND export_id = ? AND state = 'delivered'", Long.class, exportId) == 1);
    }

    private List<String> idsInSheet() {
        return sheetRows().stream().skip(1).map(row -> row.get(0)).toList();
    }
}
