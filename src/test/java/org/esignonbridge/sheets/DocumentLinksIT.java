package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;
import org.esignonbridge.archive.ArchiveFile;
import org.esignonbridge.support.ArchiveTest;
import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.OwnDatabase;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.google.GoogleDriveFiles;
import org.esignonbridge.support.google.GoogleDriveFiles.DriveFile;
import org.esignonbridge.support.google.GoogleSheetsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21 end to end as an operator sees it: the packaged jar on PostgreSQL archiving completed contracts
 * to a Google Drive folder and writing a link to each file into its export's row, while staff sort the
 * sheet and insert rows, and the product is killed (kill -9) twice: once when Drive applied an upload but
 * had not answered yet (before any link is written), once in the middle of a link write Google applied.
 * One emulator plays both the Sheets API and Drive. Time is compressed by settings: settle period 5s
 * (production 2m), a claim's lease 10s (a delivery the kill cut short goes on after it), one write a second.
 */
class DocumentLinksIT {

    static final String SECRET = "it-secret-21";
    static final String SPREADSHEET = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms";
    static final String TAB = "Contracts";
    static final String FOLDER = "1LinkedContractsFolder0SharedWithTheBridge";
    static final GoogleSheetsEmulator GOOGLE = GoogleSheetsEmulator.start();
    static final GoogleDriveFiles DRIVE = GOOGLE.drive();
    static final DocumentServer DOCS = DocumentServer.start();
    /** A Drive link anywhere in a cell. */
    static final Pattern DRIVE_LINK = Pattern.compile("https://drive\\.google\\.com/file/d/([A-Za-z0-9_-]+)/view");

    @TempDir
    Path folder;

    OwnDatabase database;
    final List<String> wfuids = new ArrayList<>();
    final List<Long> ids = new ArrayList<>();

    @BeforeEach
    void freshDatabaseSheetAndDrive() {
        database = OwnDatabase.beside("links_it").create();
        GOOGLE.reset();
        GOOGLE.createSpreadsheet(SPREADSHEET, TAB);
        DRIVE.createSharedFolder(FOLDER, "Signed contracts");
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
    void everyFileOnceInDriveAndEveryRowItsLinksOnceThroughStaffSortingAndKillsDuringAnUploadAndALinkWrite() throws Exception {
        // Drive applies the first upload and keeps its answer: the product is killed not knowing it uploaded
        DRIVE.holdAnswersOfNextUploads(1);
        try (ProductProcess first = start()) {
            post(first, "C1", "C2", "C3", "C4");
            awaitOrShow(first, () -> DRIVE.heldAnswers() == 1);
            first.kill();
        }
        DRIVE.releaseHeldAnswers();
        assertThat(driveFiles()).as("the file the killed product uploaded").hasSize(1);
        assertThat(linkCells()).as("links before the kill").isZero();

        try (ProductProcess second = start()) {
            awaitOrShow(second, () -> linkCells() == 8);

            // staff sort by the document, newest first, and insert two rows for notes under the header
            GOOGLE.sortRows(SPREADSHEET, TAB, 1, false);
            GOOGLE.insertRowsAbove(SPREADSHEET, TAB, 2, 2);

            // the next contracts' signed PDFs come late (the document host is busy): their rows are in first
            DOCS.busyNext(8, 503, "2");
            post(second, "C5", "C6", "C7", "C8");
            await().atMost(Duration.ofSeconds(30)).until(() -> exportRows() == 8);
            GOOGLE.applyThenHangNextWrites(1, Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).until(() -> GOOGLE.faultsLeft() == 0);
            second.kill();   // Google applied the write; the product never heard back
        }
        GOOGLE.sortRows(SPREADSHEET, TAB, 0, true);   // by export id, while the product is down
        assertThat(delivered()).as("links the killed product wrote but never recorded").isLessThan(16);

        try (ProductProcess third = start()) {
            awaitOrShow(third, () -> linkCells() == 16);
            awaitOrShow(third, () -> delivered() == 16);
        }

        // every file of every contract once in Drive, with the bytes the document host served
        assertThat(driveFiles()).as("files in Drive").hasSize(16);
        for (String wfuid : wfuids) {
            assertThat(DRIVE.filesAt(FOLDER, "2026/11/" + wfuid + "-contract.pdf")).as(wfuid + "-contract.pdf")
                    .singleElement().extracting(DriveFile::sha256).isEqualTo(DocumentServer.sha256(DocumentServer.pdf("document", wfuid)));
            assertThat(DRIVE.filesAt(FOLDER, "2026/11/" + wfuid + "-certificate.pdf")).as(wfuid + "-certificate.pdf")
                    .singleElement().extracting(DriveFile::sha256).isEqualTo(DocumentServer.sha256(DocumentServer.pdf("certificate", wfuid)));
        }

        // every row links its own export's files, as formulas; the export's own values stay text
        List<List<String>> rows = GOOGLE.rows(SPREADSHEET, TAB);
        assertThat(rows.get(0)).containsExactly("export_id", "wfuid", "status", "row_key", "document", "certificate");
        List<String> exportIds = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.isEmpty()) {
                continue;
            }
            String exportId = row.get(0);
            String wfuid = row.get(1);
            exportIds.add(exportId);
            assertThat(row).as("the row of " + wfuid).hasSize(6);
            assertThat(row.get(4)).as("the document of " + wfuid).isEqualTo(hyperlink(exportId, ArchiveFile.DOCUMENT, wfuid + "-contract.pdf"));
            assertThat(row.get(5)).as("the certificate of " + wfuid)
                    .isEqualTo(hyperlink(exportId, ArchiveFile.CERTIFICATE, wfuid + "-certificate.pdf"));
            for (int column = 0; column < 6; column++) {
                assertThat(GOOGLE.formula(SPREADSHEET, TAB, r, column)).as("a formula in row " + (r + 1) + ", column " + column)
                        .isEqualTo(column >= 4);
            }
        }
        assertThat(exportIds).containsExactlyInAnyOrderElementsOf(ids.stream().map(String::valueOf).toList());

        // no link twice: not two in one cell, not one in two cells
        List<String> links = new ArrayList<>();
        for (List<String> row : rows) {
            for (String cell : row) {
                Matcher link = DRIVE_LINK.matcher(cell);
                int inCell = 0;
                while (link.find()) {
                    links.add(link.group(1));
                    inCell++;
                }
                assertThat(inCell).as("links in the cell " + cell).isLessThanOrEqualTo(1);
            }
        }
        assertThat(links).hasSize(16).doesNotHaveDuplicates();
        assertThat(GOOGLE.formulasWritten()).allMatch(formula -> formula.startsWith("=HYPERLINK(\"https://drive.google.com/file/d/"));
        // a link needs no bytes: writing 16 of them downloads no file from Drive
        assertThat(DRIVE.calls()).noneMatch(call -> "media".equals(call.query().get("alt")) || call.path().startsWith("/download/"));
    }

    /** The cell a link gets: to the one Drive file whose appProperties say it is this export's file of this kind. */
    private static String hyperlink(String exportId, String kind, String label) {
        List<DriveFile> files = driveFiles().stream()
                .filter(f -> exportId.equals(f.appProperties().get("esignonExport")) && kind.equals(f.appProperties().get("esignonKind")))
                .toList();
        assertThat(files).as("the " + kind + " of export " + exportId + " in Drive").hasSize(1);
        return "=HYPERLINK(\"https://drive.google.com/file/d/" + files.get(0).id() + "/view\",\"" + label + "\")";
    }

    private static List<DriveFile> driveFiles() {
        return DRIVE.files().stream().filter(f -> !f.folder()).toList();
    }

    /** Waits a minute for the condition; else fails with the sheet, Drive and the product's log. */
    private static void awaitOrShow(ProductProcess product, Callable<Boolean> condition) {
        try {
            await().atMost(Duration.ofSeconds(60)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("The sheet: " + GOOGLE.rows(SPREADSHEET, TAB) + "\nDrive: " + driveFiles()
                    + "\nThe product's log:\n" + product.log(), e);
        }
    }

    private void post(ProductProcess product, String... wfuids) {
        for (String wfuid : wfuids) {
            String body = ArchiveTest.completeExport(wfuid, DOCS.url(wfuid.compareTo("C5") >= 0 ? "/flaky?doc=" + wfuid : "/pdf?doc=" + wfuid),
                    DOCS.url("/cert?doc=" + wfuid));
            ids.add(ProductTest.json(product.postExport(body)).get("id").asLong());
            this.wfuids.add(wfuid);
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
    private static long linkCells() {
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
                "--esignon.archive.store=google-drive", "--esignon.archive.drive.folder-id=" + FOLDER,
                "--esignon.archive.drive.root-url=" + GOOGLE.rootUrl(),
                "--esignon.handoff.enabled=false")).start();
    }
}
