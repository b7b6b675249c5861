package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.esignonbridge.support.ArchiveTest;
import org.esignonbridge.support.Chromium;
import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.SheetTest;
import org.esignonbridge.support.google.GoogleSheetsEmulator.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The document links (esignon.sheets.document-links): once a completed contract's files are archived, where
 * they are goes into the row of that export, found by its row key whatever staff did to the rows, once, and
 * as text unless it is a Drive link (a HYPERLINK formula, on purpose).
 */
@OnEveryDatabase
@TestPropertySource(properties = {"esignon.sheets.document-links=true", "esignon.sheets.append-interval=1s",
    "esignon.sheets.columns=export_id,wfuid,status,opinion"})
class DocumentLinksTest extends SheetTest {

    /** export_id, wfuid, status, opinion, row_key: then the link columns. */
    static final List<String> HEADER = List.of("export_id", "wfuid", "status", "opinion", "row_key");
    static final Path ARCHIVE = temporaryDirectory();
    /** The picture docs/google.md shows (copied from here to docs/images/). */
    static final Path SCREENSHOTS = Path.of("target/sheet-screenshots");

    @DynamicPropertySource
    static void archive(DynamicPropertyRegistry registry) {
        registry.add("esignon.archive.directory", ARCHIVE::toString);
        registry.add("esignon.archive.allowed-hosts", () -> "127.0.0.1");
        registry.add("esignon.archive.allow-insecure-loopback", () -> "true");
    }

    @BeforeEach
    void emptyArchive() throws IOException {
        ArchiveTest.DOCS.reset();
        try (Stream<Path> files = Files.walk(ARCHIVE)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).filter(p -> !p.equals(ARCHIVE)).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void eachRowGetsThePathsOfItsFilesOnceAsText() {
        List<Long> ids = postCompleted("D1", "D2", "D3");
        postExport(sample("01-approve-playing.json"));   // not completed: its row gets no link

        List<List<String>> rows = awaitLinks(6);

        assertThat(rows.get(0)).containsExactly("export_id", "wfuid", "status", "opinion", "row_key", "document", "certificate");
        for (int i = 0; i < 3; i++) {
            List<String> row = row(rows, ids.get(i));
            assertThat(row.get(5)).isEqualTo(ARCHIVE.resolve("2026/11/D" + (i + 1) + "/contract.pdf").toString());
            assertThat(row.get(6)).isEqualTo(ARCHIVE.resolve("2026/11/D" + (i + 1) + "/certificate.pdf").toString());
        }
        assertThat(rows).filteredOn(row -> row.contains("Playing")).singleElement().satisfies(row -> assertThat(row).hasSize(5));
        assertThat(GOOGLE.formulasWritten()).isEmpty();
        assertThat(GOOGLE.valueInputOptions()).containsOnly("RAW");
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("document-links", "delivered") == 6);
        // the links take turns with the appends: one write call per append-interval (1s) among them, less the
        // reads before a write, which take longer under load (on their own writers the two were 0.1s apart)
        List<Instant> writes = GOOGLE.requests().stream().filter(request -> request.append() || isLinkWrite(request))
                .map(RecordedRequest::at).toList();
        assertThat(writes).hasSizeGreaterThan(1);
        for (int i = 1; i < writes.size(); i++) {
            assertThat(Duration.between(writes.get(i - 1), writes.get(i))).as("write %d after the one before", i)
                    .isGreaterThan(Duration.ofMillis(600));
        }
    }

    @Test
    void theSheetWithItsLinksAsStaffSeeIt() throws Exception {
        camel.getRouteController().stopRoute(subscriberRoute("document-links"));
        GOOGLE.seedRows(SPREADSHEET, TAB, List.of(List.of("export_id", "wfuid", "status", "opinion", "row_key", "", "notes")));
        List<Long> ids = postCompleted("20261104-002310", "20261104-002311", "20261105-000042");
        await().atMost(Duration.ofSeconds(30)).until(() -> sheetRows().size() == 4 && archived() == 6);
        // as the google-drive store records its files (the Drive store is not in this branch)
        jdbc.update("UPDATE archive_file SET stored_path = CONCAT('https://drive.google.com/file/d/1x', export_id, kind, '/view')");
        camel.getRouteController().startRoute(subscriberRoute("document-links"));
        awaitLinks(6);

        Path page = Files.createDirectories(SCREENSHOTS).resolve("sheet-document-links.html");
        Files.writeString(page, GOOGLE.gridHtml(SPREADSHEET, TAB));
        ChromeDriver browser = Chromium.headless();
        try {
            browser.get(page.toUri().toString());
            List<WebElement> links = browser.findElements(By.tagName("a"));
            assertThat(links).extracting(WebElement::getText).containsExactly("20261104-002310-contract.pdf",
                    "20261104-002310-certificate.pdf", "20261104-002311-contract.pdf", "20261104-002311-certificate.pdf",
                    "20261105-000042-contract.pdf", "20261105-000042-certificate.pdf");
            assertThat(links.get(0).getAttribute("href")).isEqualTo("https://drive.google.com/file/d/1x" + ids.get(0) + "document/view");
            Files.move(browser.findElement(By.tagName("table")).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve("sheet-document-links.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
        }
    }

    @Test
    void theLinkColumnsGoAfterTheUsersOwnColumnsWhichStayWhereTheyAre() {
        GOOGLE.seedRows(SPREADSHEET, TAB, List.of(List.of("export_id", "wfuid", "status", "opinion", "row_key", "", "notes", "owner")));
        List<Long> ids = postCompleted("D1");

        List<List<String>> rows = awaitLinks(2);

        assertThat(rows.get(0)).containsExactly("export_id", "wfuid", "status", "opinion", "row_key", "", "notes", "owner",
                "document", "certificate");
        assertThat(row(rows, ids.get(0)).subList(8, 10)).containsExactly(ARCHIVE.resolve("2026/11/D1/contract.pdf").toString(),
                ARCHIVE.resolve("2026/11/D1/certificate.pdf").toString());
    }

    @Test
    void aRowIsFoundByItsKeyAfterStaffSortedFilteredAndInsertedRows() throws Exception {
        camel.getRouteController().stopRoute(subscriberRoute("document-links"));
        List<Long> ids = postCompleted("D1", "D2", "D3", "D4");
        await().atMost(Duration.ofSeconds(30)).until(() -> sheetRows().size() == 5 && archived() == 8);

        GOOGLE.sortRows(SPREADSHEET, TAB, 1, false);   // by wfuid, D4 first
        GOOGLE.insertRowsAbove(SPREADSHEET, TAB, 3, 2);
        GOOGLE.filterRows(SPREADSHEET, TAB, 1, "D2");
        camel.getRouteController().startRoute(subscriberRoute("document-links"));

        List<List<String>> rows = awaitLinks(8);
        assertThat(rows.subList(1, rows.size())).extracting(row -> row.isEmpty() ? "" : row.get(1))
                .containsExactly("D4", "", "", "D3", "D2", "D1");
        for (int i = 0; i < 4; i++) {
            List<String> row = row(rows, ids.get(i));
            assertThat(row).as("the row of export " + ids.get(i)).hasSize(7);
            assertThat(row.get(5)).isEqualTo(ARCHIVE.resolve("2026/11/" + row.get(1) + "/contract.pdf").toString());
            assertThat(row.get(6)).isEqualTo(ARCHIVE.resolve("2026/11/" + row.get(1) + "/certificate.pdf").toString());
        }
        assertThat(rows.get(2)).isEmpty();
        assertThat(rows.get(3)).isEmpty();
        assertThat(linkWrites()).isOne();   // batched: the eight links in one call
    }

    @Test
    void aLinkWaitsForARowTheSheetHasNotAppendedYetAndIsNeverParkedForIt() throws Exception {
        camel.getRouteController().stopRoute(subscriberRoute("sheet"));
        List<Long> ids = postCompleted("D1");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM delivery WHERE subscriber = 'document-links' AND attempts >= 3", Long.class) == 2);

        assertThat(deliveries("document-links", "parked")).isZero();
        assertThat(jdbc.queryForList("SELECT DISTINCT last_failure FROM delivery WHERE subscriber = 'document-links'", String.class))
                .containsExactly("not-applied");
        assertThat(sheetRows()).isEmpty();
        assertThat(linkWrites()).isZero();

        camel.getRouteController().startRoute(subscriberRoute("sheet"));
        List<List<String>> rows = awaitLinks(2);
        assertThat(row(rows, ids.get(0)).get(5)).isEqualTo(ARCHIVE.resolve("2026/11/D1/contract.pdf").toString());
    }

    @Test
    void aQuota429IsWaitedOutAndTheLinkLandsOnce() throws Exception {
        camel.getRouteController().stopRoute(subscriberRoute("document-links"));
        List<Long> ids = postCompleted("D1", "D2");
        await().atMost(Duration.ofSeconds(30)).until(() -> sheetRows().size() == 3 && archived() == 4);
        GOOGLE.failNextWrites(1, 429, 1);
        camel.getRouteController().startRoute(subscriberRoute("document-links"));

        List<List<String>> rows = awaitLinks(4);

        assertThat(linkWrites()).isGreaterThanOrEqualTo(2);
        assertThat(GOOGLE.faultsLeft()).isZero();
        assertThat(row(rows, ids.get(1)).get(5)).isEqualTo(ARCHIVE.resolve("2026/11/D2/contract.pdf").toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("document-links", "delivered") == 4);
    }

    @Test
    void aWriteGoogleAppliedBeforeAnswering500IsMadeAgainIntoTheSameCells() throws Exception {
        camel.getRouteController().stopRoute(subscriberRoute("document-links"));
        List<Long> ids = postCompleted("D1", "D2");
        await().atMost(Duration.ofSeconds(30)).until(() -> sheetRows().size() == 3 && archived() == 4);
        List<List<String>> before = sheetRows();
        GOOGLE.applyThenFailNextWrites(1, 500);
        camel.getRouteController().startRoute(subscriberRoute("document-links"));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("document-links", "delivered") == 4);

        List<List<String>> rows = sheetRows();
        assertThat(linkWrites()).isEqualTo(2);
        assertThat(rows).hasSize(3);
        for (int r = 1; r < 3; r++) {
            assertThat(rows.get(r).subList(0, 5)).isEqualTo(before.get(r));   // the export's own cells untouched
            assertThat(rows.get(r)).hasSize(7);
        }
        assertThat(row(rows, ids.get(0)).get(5)).isEqualTo(ARCHIVE.resolve("2026/11/D1/contract.pdf").toString());
        assertThat(row(rows, ids.get(1)).get(6)).isEqualTo(ARCHIVE.resolve("2026/11/D2/certificate.pdf").toString());
    }

    @Test
    void aDriveLinkIsAHyperlinkWhileWhatTheExportSaysStaysText() throws Exception {
        camel.getRouteController().stopRoute(subscriberRoute("document-links"));
        long id = json(postExport(ArchiveTest.completeExport("D1", ArchiveTest.DOCS.url("/pdf?doc=D1"), ArchiveTest.DOCS.url("/cert?doc=D1"))
                .replace("\"opinion\": \"\"", "\"opinion\": \"=IMPORTXML(\\\"http://evil/\\\",\\\"//a\\\")\""))).get("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> sheetRows().size() == 2 && archived() == 2);
        // as the google-drive store records a file (the Drive store is not in this branch: its stored link is set
        // here), of a document whose id has a quote in it
        jdbc.update("UPDATE archive_file SET stored_path = CONCAT('https://drive.google.com/file/d/1AbC_dEf-', kind, '/view'),"
                + " wfuid = 'D\"1'");
        camel.getRouteController().startRoute(subscriberRoute("document-links"));

        List<List<String>> rows = awaitLinks(2);

        List<String> row = row(rows, id);
        assertThat(row.get(3)).isEqualTo("=IMPORTXML(\"http://evil/\",\"//a\")");
        assertThat(GOOGLE.formula(SPREADSHEET, TAB, 1, 3)).isFalse();
        assertThat(row.get(5)).isEqualTo("=HYPERLINK(\"https://drive.google.com/file/d/1AbC_dEf-document/view\",\"D\"\"1-contract.pdf\")");
        assertThat(row.get(6)).isEqualTo("=HYPERLINK(\"https://drive.google.com/file/d/1AbC_dEf-certificate/view\",\"D\"\"1-certificate.pdf\")");
        assertThat(GOOGLE.formula(SPREADSHEET, TAB, 1, 5)).isTrue();
        assertThat(GOOGLE.formula(SPREADSHEET, TAB, 1, 6)).isTrue();
        assertThat(GOOGLE.formula(SPREADSHEET, TAB, 0, 5)).isFalse();
        assertThat(GOOGLE.formulasWritten()).hasSize(2);
    }

    @Test
    void aPathThatLooksLikeAFormulaStaysText() throws Exception {
        camel.getRouteController().stopRoute(subscriberRoute("document-links"));
        long id = postCompleted("D1").get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> sheetRows().size() == 2 && archived() == 2);
        jdbc.update("UPDATE archive_file SET stored_path = '=HYPERLINK(\"https://evil.example/\",\"open me\")'"
                + " WHERE kind = 'document'");
        jdbc.update("UPDATE archive_file SET stored_path = 'https://drive.google.com/file/d/x\"),IMPORTXML(\"http://evil/view'"
                + " WHERE kind = 'certificate'");
        camel.getRouteController().startRoute(subscriberRoute("document-links"));

        List<List<String>> rows = awaitLinks(2);

        assertThat(row(rows, id).get(5)).isEqualTo("=HYPERLINK(\"https://evil.example/\",\"open me\")");
        assertThat(GOOGLE.formulasWritten()).isEmpty();
        assertThat(GOOGLE.valueInputOptions()).containsOnly("RAW");
    }

    /** Completed contracts of these documents, their files served by the document server; their export ids. */
    private List<Long> postCompleted(String... wfuids) {
        List<Long> ids = new ArrayList<>();
        for (String wfuid : wfuids) {
            ids.add(json(postExport(ArchiveTest.completeExport(wfuid, ArchiveTest.DOCS.url("/pdf?doc=" + wfuid),
                    ArchiveTest.DOCS.url("/cert?doc=" + wfuid)))).get("id").asLong());
        }
        return ids;
    }

    private long archived() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM archive_file WHERE state = 'archived'", Long.class);
    }

    /** Waits for this many link cells in the sheet (the header's link cells not counted); the sheet's rows. */
    private List<List<String>> awaitLinks(int links) {
        await().atMost(Duration.ofSeconds(40)).until(() -> {
            List<List<String>> rows = sheetRows();
            return rows.size() > 1 && rows.subList(1, rows.size()).stream()
                    .mapToLong(row -> row.size() <= 5 ? 0 : row.subList(5, row.size()).stream().filter(cell -> !cell.isEmpty()).count())
                    .sum() >= links && rows.get(0).contains("certificate");
        });
        return sheetRows();
    }

    /** The row of the export, by its id in column A; exactly one. */
    private static List<String> row(List<List<String>> rows, long exportId) {
        List<List<String>> found = rows.stream().filter(row -> !row.isEmpty() && row.get(0).equals(Long.toString(exportId))).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** values.batchUpdate calls received. */
    private static long linkWrites() {
        return GOOGLE.requests().stream().filter(DocumentLinksTest::isLinkWrite).count();
    }

    private static boolean isLinkWrite(RecordedRequest request) {
        return request.rawPath().endsWith("values:batchUpdate");
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("archive");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
