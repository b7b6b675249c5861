package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.esignonbridge.admin.ContractTrail;
import org.esignonbridge.operations.DeliveryBacklog;
import org.esignonbridge.support.ArchiveTest;
import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.OnEveryDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

@OnEveryDatabase
class ArchiveDocumentsTest extends ArchiveTest {

    @Autowired
    ContractTrail trail;

    @Autowired
    ArchiveFiles archiveFiles;

    @Test
    void theSignedPdfAndItsCertificateAreArchivedWithTheirHash() throws Exception {
        postExport(completeExport("20261104-002310", DOCS.url("/pdf?doc=D1"), DOCS.url("/cert?doc=D1")));

        Map<String, Object> document = awaitFinished("document");
        Map<String, Object> certificate = awaitFinished("certificate");

        assertThat(document).containsEntry("state", "archived").containsEntry("content_type", "application/pdf");
        Path pdf = Path.of(document.get("stored_path").toString());
        assertThat(pdf).isEqualTo(ARCHIVE.resolve("2026/11/20261104-002310/contract.pdf"));
        byte[] expected = DocumentServer.pdf("document", "D1");
        assertThat(Files.readAllBytes(pdf)).isEqualTo(expected);
        assertThat(document.get("sha256")).isEqualTo(DocumentServer.sha256(expected));
        assertThat(((Number) document.get("size_bytes")).longValue()).isEqualTo(expected.length);
        assertThat(document.get("source_url")).isEqualTo(DOCS.url("/pdf?doc=D1"));
        assertThat(document.get("fetched_at")).isNotNull();
        assertThat(certificate).containsEntry("state", "archived")
                .containsEntry("sha256", DocumentServer.sha256(DocumentServer.pdf("certificate", "D1")));
        assertThat(archiveContents()).containsExactly("2026", "2026/11", "2026/11/20261104-002310",
                "2026/11/20261104-002310/certificate.pdf", "2026/11/20261104-002310/contract.pdf");

        // the contract's trail (admin page and API) shows the files with their hashes and the archive's delivery
        Map<String, Object> export = trail.exports("20261104-002310").get(0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) export.get("files");
        assertThat(files).extracting(file -> file.get("sha256"))
                .containsExactlyInAnyOrder(DocumentServer.sha256(expected), DocumentServer.sha256(DocumentServer.pdf("certificate", "D1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> ((List<?>) trail.exports("20261104-002310").get(0).get("deliveries")).stream()
                .map(DeliveryBacklog.Delivery.class::cast).anyMatch(d -> d.subscriber().equals("archive") && d.state().equals("delivered")));
    }

    @Test
    void aViewerPageIsRecordedWithItsUrlAndNotArchived() throws Exception {
        postExport(completeExport("20261104-002311", DOCS.url("/viewer"), null));

        Map<String, Object> document = awaitFinished("document");

        assertThat(document).containsEntry("state", "viewer_link").containsEntry("source_url", DOCS.url("/viewer"));
        assertThat(document.get("last_error").toString()).contains("viewer link, not archived").contains("link_type");
        assertThat(archiveContents()).isEmpty();
        assertThat(awaitParked()).contains("not archived, document: viewer link, not archived");
    }

    @Test
    void bytesThatAreNotAPdfAreDeclined() throws Exception {
        postExport(completeExport("20261104-002312", DOCS.url("/zip"), null));

        Map<String, Object> document = awaitFinished("document");

        assertThat(document).containsEntry("state", "declined");
        assertThat(document.get("last_error").toString()).contains("not a PDF");
        assertThat(archiveContents()).isEmpty();
    }

    @Test
    void aFileLargerThanMaxBytesIsDeclinedAndNothingIsLeftBehind() throws Exception {
        postExport(completeExport("20261104-002313", DOCS.url("/big?bytes=" + 3 * 1024 * 1024), null));

        Map<String, Object> document = awaitFinished("document");

        assertThat(document).containsEntry("state", "declined");
        assertThat(document.get("last_error").toString()).contains("esignon.archive.max-bytes");
        assertThat(archiveContents()).allMatch(path -> !path.endsWith(".pdf") && !path.endsWith(".part"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "host not allowed              | https://evil.example.com/contract.pdf        | not in esignon.archive.allowed-hosts",
        "http on an allowed host       | http://docs.esignon.net/download/pdf         | only https",
        "private address               | https://10.1.2.3/contract.pdf                | non-public address",
        "cloud metadata address        | https://169.254.169.254/latest/meta-data/    | non-public address",
        "user name in the URL          | https://admin@docs.esignon.net/download      | user name",
        "IPv4-compatible loopback      | https://[::127.0.0.1]/contract.pdf           | non-public address",
        "NAT64 of cloud metadata       | https://[64:ff9b::a9fe:a9fe]/contract.pdf    | non-public address",
        "6to4 of loopback              | https://[2002:7f00:1::1]/contract.pdf        | non-public address",
    })
    void aUrlTheProductMustNotFetchIsDeclinedAndRecorded(String kind, String url, String reason) {
        postExport(completeExport("20261104-002314", url, null));

        Map<String, Object> document = awaitFinished("document");

        assertThat(document).containsEntry("state", "declined");
        assertThat(document.get("last_error").toString()).contains(reason);
        assertThat(awaitParked()).contains("not archived, document: ").contains(reason);   // at once, never retried
    }

    @ParameterizedTest(name = "redirect to {0}")
    @CsvSource(delimiter = '|', value = {
        "a host not allowed  | https://evil.example.com/contract.pdf | not in esignon.archive.allowed-hosts",
        "a private address   | https://10.1.2.3/contract.pdf         | non-public address",
    })
    void aRedirectToWhereTheProductMustNotGoIsDeclined(String kind, String target, String reason) {
        postExport(completeExport("20261104-002315", DOCS.url("/redirect?to=" + target), null));

        Map<String, Object> document = awaitFinished("document");

        assertThat(document).containsEntry("state", "declined");
        assertThat(document.get("last_error").toString()).contains(reason);
        assertThat(DOCS.requests("/redirect")).isOne();
    }

    @Test
    void aRedirectWithinTheAllowedHostsIsFollowed() {
        postExport(completeExport("20261104-002316", DOCS.url("/redirect?to=" + DOCS.url("/pdf?doc=R")), null));

        assertThat(awaitFinished("document")).containsEntry("state", "archived");
    }

    @ParameterizedTest
    @CsvSource({"../../etc/x, 2026/11/~2E.~2F..~2Fetc~2Fx", "a/b, 2026/11/a~2Fb", "'..', 2026/11/~2E."})
    void aDocumentIdShapedLikeAPathStaysInsideTheArchive(String wfuid, String folder) throws Exception {
        postExport(completeExport(wfuid, DOCS.url("/pdf?doc=T"), null));

        Map<String, Object> document = awaitFinished("document");

        assertThat(document).containsEntry("state", "archived");
        Path stored = Path.of(document.get("stored_path").toString());
        assertThat(stored.normalize()).startsWith(ARCHIVE);
        List<String> contents = archiveContents();
        assertThat(contents).hasSize(4);
        assertThat(contents.get(2)).isEqualTo(folder);
        assertThat(contents.get(3)).isEqualTo(contents.get(2) + "/contract.pdf");
    }

    /** The reported attack: a_b-c14cddc0 was the name a/b got, so the second contract's PDF replaced the first's. */
    @Test
    void twoContractsWhoseIdsOnceSharedAFolderKeepTheirOwnFiles() throws Exception {
        String crafted = "a_b-" + DocumentServer.sha256("a/b".getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 8);
        postExport(completeExport("a/b", DOCS.url("/pdf?doc=A"), null));
        await().atMost(Duration.ofSeconds(30)).until(() -> archivedOf("a/b") != null);
        postExport(completeExport(crafted, DOCS.url("/pdf?doc=B"), null));
        await().atMost(Duration.ofSeconds(30)).until(() -> archivedOf(crafted) != null);

        Map<String, Object> first = archivedOf("a/b");
        Map<String, Object> second = archivedOf(crafted);
        assertThat(first).containsEntry("state", "archived").containsEntry("sha256", DocumentServer.sha256(DocumentServer.pdf("document", "A")));
        assertThat(second).containsEntry("state", "archived").containsEntry("sha256", DocumentServer.sha256(DocumentServer.pdf("document", "B")));
        assertThat(first.get("stored_path")).isNotEqualTo(second.get("stored_path"));
        assertThat(Files.readAllBytes(Path.of(first.get("stored_path").toString()))).isEqualTo(DocumentServer.pdf("document", "A"));
        assertThat(Files.readAllBytes(Path.of(second.get("stored_path").toString()))).isEqualTo(DocumentServer.pdf("document", "B"));
    }

    @Test
    void aFileAlreadyInTheArchiveIsNeverReplaced() throws Exception {
        Path existing = ARCHIVE.resolve("2026/11/20261104-002321/contract.pdf");
        Files.createDirectories(existing.getParent());
        Files.write(existing, DocumentServer.pdf("document", "someone else's"));

        postExport(completeExport("20261104-002321", DOCS.url("/pdf?doc=N"), null));

        assertThat(awaitParked()).contains("a different file is already archived at 2026/11/20261104-002321/contract.pdf");
        assertThat(count("archive_file")).isZero();
        assertThat(Files.readAllBytes(existing)).isEqualTo(DocumentServer.pdf("document", "someone else's"));
        assertThat(archiveContents()).allMatch(path -> !path.endsWith(".part"));
    }

    /** A stop after the file got its name but before its record: the next attempt finds the same bytes and records them. */
    @Test
    void theSameBytesAlreadyInTheArchiveCountAsArchived() throws Exception {
        Path existing = ARCHIVE.resolve("2026/11/20261104-002322/contract.pdf");
        Files.createDirectories(existing.getParent());
        Files.write(existing, DocumentServer.pdf("document", "P"));

        postExport(completeExport("20261104-002322", DOCS.url("/pdf?doc=P"), null));

        Map<String, Object> document = awaitFinished("document");
        assertThat(document).containsEntry("state", "archived").containsEntry("stored_path", existing.toString())
                .containsEntry("sha256", DocumentServer.sha256(DocumentServer.pdf("document", "P")));
    }

    private Map<String, Object> archivedOf(String wfuid) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM archive_file WHERE wfuid = ? AND kind = 'document'", wfuid);
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void aServerErrorIsRetriedUntilTheFileComes() {
        DOCS.failNext(2);

        postExport(completeExport("20261104-002317", DOCS.url("/flaky?doc=F"), null));

        assertThat(awaitFinished("document")).containsEntry("state", "archived");
        assertThat(DOCS.requests("/flaky")).isEqualTo(3);
    }

    @Test
    void aServerAnswering429IsAskedAgainAfterItsRetryAfterAndNeverParkedForIt() {
        DOCS.busyNext(4);   // Retry-After: 1, one more time than max-attempts (3)

        postExport(completeExport("20261104-002320", DOCS.url("/flaky?doc=B"), null));

        assertThat(awaitFinished("document")).containsEntry("state", "archived");
        assertThat(DOCS.requests("/flaky")).isEqualTo(5);
        assertThat(deliveries("archive", "parked")).isZero();
    }

    @ParameterizedTest
    @CsvSource({"429, seconds", "503, http-date"})
    void aBusyServerIsNotAskedAgainBeforeItsRetryAfterInSecondsOrAsAnHttpDate(int status, String form) {
        // 2 s away and more than the back-off (initial-delay 200ms): an attempt before it would show
        Instant notBefore = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        DOCS.busyNext(1, status, form.equals("seconds") ? "2"
                : DateTimeFormatter.RFC_1123_DATE_TIME.format(notBefore.atZone(ZoneOffset.UTC)));

        postExport(completeExport("20261104-00232" + status % 10, DOCS.url("/flaky?doc=R"), null));

        assertThat(awaitFinished("document")).containsEntry("state", "archived");
        List<Instant> asked = DOCS.requestTimes("/flaky");
        assertThat(asked).hasSize(2);
        assertThat(asked.get(1)).isAfterOrEqualTo(form.equals("seconds") ? asked.get(0).plusSeconds(2) : notBefore);
    }

    @Test
    void aServerThatKeepsFailingIsRecordedAsFailedAfterMaxAttempts() {
        DOCS.failNext(1000);

        postExport(completeExport("20261104-002318", DOCS.url("/flaky?doc=F"), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("archive", "parked") == 1);
        Map<String, Object> delivery = jdbc.queryForMap("SELECT * FROM delivery WHERE subscriber = 'archive'");
        assertThat(delivery).containsEntry("attempts", 3);
        assertThat(delivery.get("last_error").toString()).contains("500");
        assertThat(count("archive_file")).isZero();
        assertThat(DOCS.requests("/flaky")).isEqualTo(3);
    }

    @Test
    void theSameCompletedContractDeliveredTwiceIsArchivedOnce() {
        String export = completeExport("20261104-002319", DOCS.url("/pdf?doc=S"), DOCS.url("/cert?doc=S"));
        postExport(export);
        postExport(export);
        awaitFinished("document");
        awaitFinished("certificate");

        postExport(export.replace("2026-11-04 13:47:59.0", "2026-11-04 13:48:30.0"));

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM archive_file WHERE state = 'already_archived'", Long.class) == 2);
        assertThat(DOCS.requests("/pdf")).isOne();
        assertThat(DOCS.requests("/cert")).isOne();
    }

    @Test
    void aFileFinishedByTwoInstancesIsRecordedAndHandedOnOnce() {
        String export = completeExport("20261104-002320", DOCS.url("/pdf?doc=T"), DOCS.url("/cert?doc=T"));
        postExport(export);
        awaitFinished("document");
        Map<String, Object> first = jdbc.queryForMap("SELECT id, export_id, stored_path, size_bytes, sha256, content_type"
                + " FROM archive_file WHERE wfuid = '20261104-002320' AND kind = 'document'");

        // another instance, whose claim on the contract ran out while it archived, finishes the same file
        archiveFiles.archived(new ArchiveFile(((Number) first.get("export_id")).longValue(), "20261104-002320", "document",
                        DOCS.url("/pdf?doc=T"), java.time.LocalDateTime.now()),
                new ArchivedPdf((String) first.get("stored_path"), ((Number) first.get("size_bytes")).longValue(),
                        ((String) first.get("sha256")).trim(), (String) first.get("content_type")));

        assertThat(jdbc.queryForList("SELECT id FROM archive_file WHERE wfuid = '20261104-002320' AND kind = 'document'", Long.class))
                .containsExactly(((Number) first.get("id")).longValue());
    }

    @Test
    void contractsStillInProgressAreNotArchived() {
        postExport(sample("04-embed-playing.json"));
        postExport(completeExport("20261104-002320", DOCS.url("/pdf?doc=X"), null).replace("\"worktype\": \"CF\"", "\"worktype\": \"ZZ\""));

        assertThat(count("archive_file")).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE subscriber = 'archive'", Long.class)).isZero();
    }

    /** A declined file is the engine's outcome: the contract is parked at its first attempt; returns the reason. */
    @Test
    void aDeclinedDocumentParksTheContractAndItsCertificateIsStillArchived() {
        postExport(completeExport("20261104-002325", DOCS.url("/zip"), DOCS.url("/cert?doc=C")));

        assertThat(awaitParked()).isEqualTo("undeliverable: UndeliverableException: not archived, document: not a PDF: the file does not start with %PDF-");
        assertThat(awaitFinished("certificate")).containsEntry("state", "archived");
        assertThat(awaitFinished("document")).containsEntry("state", "declined");
    }

    /** After an operator's fix, a replayed contract fetches the declined file again and is delivered. */
    @Test
    void aReplayedDeclinedFileIsFetchedAgain() {
        postExport(completeExport("20261104-002326", DOCS.url("/viewer"), null));
        awaitParked();
        jdbc.update("UPDATE esignon_export SET download_url = ? WHERE wfuid = '20261104-002326'", DOCS.url("/pdf?doc=V"));

        deliveries.replayParked("archive");

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("archive", "delivered") == 1);
        assertThat(jdbc.queryForList("SELECT state FROM archive_file", String.class)).containsExactly("archived");
    }

    private String awaitParked() {
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("archive", "parked") == 1);
        Map<String, Object> delivery = jdbc.queryForMap("SELECT * FROM delivery WHERE subscriber = 'archive'");
        assertThat(delivery).containsEntry("attempts", 1);
        return delivery.get("last_error").toString();
    }

    private Map<String, Object> awaitFinished(String kind) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM archive_file WHERE kind = ?", Long.class, kind) > 0);
        return jdbc.queryForMap("SELECT * FROM archive_file WHERE kind = ? ORDER BY id LIMIT 1", kind);
    }
}
