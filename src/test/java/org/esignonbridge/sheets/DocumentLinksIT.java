package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.awaitility.core.ConditionTimeoutException;
import org.esignonbridge.support.ArchiveTest;
import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.OwnDatabase;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.google.GoogleSheetsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's document links as an operator sees them: the packaged jar on PostgreSQL archiving completed
 * contracts and writing where each file is into its export's row, while staff sort the sheet and insert
 * rows, and the product is killed (kill -9) in the middle of a link write Google applied. Time is
 * compressed by settings: settle period 5s (production 2m), a claim's lease 10s (an archive delivery the
 * kill cut short goes on after it), one write a second.
 */
class DocumentLinksIT {

    static final String SECRET = "it-secret-21";
    static final String SPREADSHEET = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms";
    static final String TAB = "Contracts";
    static final GoogleSheetsEmulator GOOGLE = GoogleSheetsEmulator.start();
    static final DocumentServer DOCS = DocumentServer.start();

    @TempDir
    Path folder;

    OwnDatabase database;
    final List<Long> ids = new ArrayList<>();

    @BeforeEach
    void freshDatabaseAndSheet() {
        database = OwnDatabase.beside("links_it").create();
        GOOGLE.reset();
        GOOGLE.createSpreadsheet(SPREADSHEET, TAB);
        DOCS.reset();
    }

    @AfterEach
    void dropTheDatabase() {
        database.close();
    }

    @AfterAll
    static void stop() {
        GOOGLE.close();
        DOCS.close();
    }

    @Test
    void everyRowGetsItsLinksOnceThroughStaffSortingAndAKillDuringALinkWrite() throws Exception {
        try (ProductProcess first = start()) {
            post(first, "C1", "C2", "C3", "C4");
            awaitOrShow(first, () -> linkCells() == 8);

            // staff sort by the document, newest first, and insert two rows for notes under the header
            GOOGLE.sortRows(SPREADSHEET, TAB, 1, false);
            GOOGLE.insertRowsAbove(SPREADSHEET, TAB, 2, 2);

            // the next contracts' signed PDFs come late (the document host is busy): their rows are in first
            DOCS.busyNext(8, 503, "2");
            post(first, "C5", "C6", "C7", "C8");
            await().atMost(Duration.ofSeconds(30)).until(() -> exportRows() == 8);
            GOOGLE.applyThenHangNextWrites(1, Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).until(() -> GOOGLE.faultsLeft() == 0);
            first.kill();   // Google applied the write; the product never heard back
        }
        GOOGLE.sortRows(SPREADSHEET, TAB, 0, true);   // by export id, while the product is down
        assertThat(delivered()).as("links the killed product wrote but never recorded").isLessThan(16);

        try (ProductProcess second = start()) {
            awaitOrShow(second, () -> linkCells() == 16);
            awaitOrShow(second, () -> delivered() == 16);
        }

        List<List<String>> rows = GOOGLE.rows(SPREADSHEET, TAB);
        assertThat(rows.get(0)).containsExactly("export_id", "wfuid", "status", "row_key", "document", "certificate");
        List<List<String>> exportRows = rows.subList(1, rows.size()).stream().filter(row -> !row.isEmpty()).toList();
        assertThat(exportRows).extracting(row -> row.get(0)).containsExactlyInAnyOrderElementsOf(ids.stream().map(String::valueOf).toList());
        for (List<String> row : exportRows) {
            String wfuid = row.get(1);
            assertThat(row).as("the row of " + wfuid).hasSize(6);
            assertThat(row.get(4)).endsWith("/2026/11/" + wfuid + "/contract.pdf");
            assertThat(row.get(5)).endsWith("/2026/11/" + wfuid + "/certificate.pdf");
        }
        assertThat(linkCells()).isEqualTo(16);   // each export row's own two: none anywhere else
        assertThat(GOOGLE.formulasWritten()).isEmpty();
    }

    /** Waits a minute for the condition; else fails with the sheet and the product's log. */
    private static void awaitOrShow(ProductProcess product, Callable<Boolean> condition) {
        try {
            await().atMost(Duration.ofSeconds(60)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("The sheet: " + GOOGLE.rows(SPREADSHEET, TAB) + "\nThe product's log:\n" + product.log(), e);
        }
    }

    private void post(ProductProcess product, String... wfuids) {
        for (String wfuid : wfuids) {
            String body = ArchiveTest.completeExport(wfuid, DOCS.url(wfuid.compareTo("C5") >= 0 ? "/flaky?doc=" + wfuid : "/pdf?doc=" + wfuid),
                    DOCS.url("/cert?doc=" + wfuid));
            ids.add(ProductTest.json(product.postExport(body)).get("id").asLong());
        }
    }

    private long delivered() {
        return database.jdbc().queryForObject("SELECT COUNT(*) FROM delivery WHERE subscriber = 'document-links' AND state = 'delivered'",
                Long.class);
    }

    private long exportRows() {
        return GOOGLE.rows(SPREADSHEET, TAB).stream().skip(1).filter(row -> !row.isEmpty()).count();
    }

    /** Filled cells in the document and certificate columns, the header's not counted. */
    private long linkCells() {
        return GOOGLE.rows(SPREADSHEET, TAB).stream().skip(1)
                .mapToLong(row -> row.size() <= 4 ? 0 : row.subList(4, row.size()).stream().filter(cell -> !cell.isEmpty()).count()).sum();
    }

    private ProductProcess start() {
        Path key = GOOGLE.writeServiceAccountKey(folder);
        return ProductProcess.packagedJar(folder).secret(SECRET).env(Map.of(
                        "DATABASE_URL", database.url(),
                        "DATABASE_USERNAME", OwnDatabase.username(),
                        "DATABASE_PASSWORD", "")).args(List.of(
                "--esignon.sheets.enabled=true", "--esignon.sheets.spreadsheet-id=" + SPREADSHEET, "--esignon.sheets.sheet=" + TAB,
                "--esignon.sheets.root-url=" + GOOGLE.rootUrl(), "--esignon.sheets.credentials-file=" + key,
                "--esignon.sheets.columns=export_id,wfuid,status", "--esignon.sheets.document-links=true",
                "--esignon.sheets.read-timeout=2s", "--esignon.sheets.settle-period=5s", "--esignon.sheets.append-interval=1s",
                "--esignon.delivery.poll-interval=200ms", "--esignon.delivery.lease=10s", "--esignon.archive.directory=" + folder.resolve("archive"),
                "--esignon.archive.allowed-hosts=127.0.0.1", "--esignon.archive.allow-insecure-loopback=true",
                "--esignon.handoff.enabled=false")).start();
    }
}
