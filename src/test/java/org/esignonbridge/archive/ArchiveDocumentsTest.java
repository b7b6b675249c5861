package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.esignonbridge.admin.ContractTrail;
import org.esignonbridge.operations.DeliveryBacklog;
import org.esignonbridge.support.ArchiveTest;
import org.esignonbridge.support.DocumentServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

class ArchiveDocumentsTest extends ArchiveTest {

    @Autowired
    ContractTrail trail;

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
    }

    @Test
    void bytesThatAreNotAPdfAreRefused() throws Exception {
        postExport(completeExport("20261104-002312", DOCS.url("/zip"), null));

        Map<String, Object> document = awaitFinished("document");

        assertThat(document).containsEntry("state", "refused");
        assertThat(document.get("last_error").toString()).contains("not a PDF");
        assertThat(archiveContents()).isEmpty();
    }

    @Test
    void aFileLargerThanMaxBytesIsRefusedAndNothingIsLeftBehind() throws Exception {
        postExport(completeExport("20261104-002313", DOCS.url("/big?bytes=" + 3 * 1024 * 1024), null));

        Map<String, Object> document = awaitFinished("document");

        assertThat(document).containsEntry("state", "refused");
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
    })
    void aUrlTheProductMustNotFetchIsRefusedAndRecorded(String kind, String url, String reason) {
        postExport(completeExport("20261104-002314", url, null));

        Map<String, Object> document = awaitFinished("document");

        assertThat(document).containsEntry("state", "refused");
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("archive", "delivered") == 1);   // not retried
        assertThat(document.get("last_error").toString()).contains(reason);
    }

    @ParameterizedTest(name = "redirect to {0}")
    @CsvSource(delimiter = '|', value = {
        "a host not allowed  | https://evil.example.com/contract.pdf | not in esignon.archive.allowed-hosts",
        "a private address   | https://10.1.2.3/contract.pdf         | non-public address",
    })
    void aRedirectToWhereTheProductMustNotGoIsRefused(String kind, String target, String reason) {
        postExport(completeExport("20261104-002315", DOCS.url("/redirect?to=" + target), null));

        Map<String, Object> document = awaitFinished("document");

        assertThat(document).containsEntry("state", "refused");
        assertThat(document.get("last_error").toString()).contains(reason);
        assertThat(DOCS.requests("/redirect")).isOne();
    }

    @Test
    void aRedirectWithinTheAllowedHostsIsFollowed() {
        postExport(completeExport("20261104-002316", DOCS.url("/redirect?to=" + DOCS.url("/pdf?doc=R")), null));

        assertThat(awaitFinished("document")).containsEntry("state", "archived");
    }

    @ParameterizedTest
    @CsvSource({"../../etc/x, 2026/11/.._.._etc_x-", "a/b, 2026/11/a_b-", "'..', 2026/11/_-"})
    void aDocumentIdShapedLikeAPathStaysInsideTheArchive(String wfuid, String folderPrefix) throws Exception {
        postExport(completeExport(wfuid, DOCS.url("/pdf?doc=T"), null));

        Map<String, Object> document = awaitFinished("document");

        assertThat(document).containsEntry("state", "archived");
        Path stored = Path.of(document.get("stored_path").toString());
        assertThat(stored.normalize()).startsWith(ARCHIVE);
        List<String> contents = archiveContents();
        assertThat(contents).hasSize(4);
        assertThat(contents.get(2)).startsWith(folderPrefix);
        assertThat(contents.get(3)).isEqualTo(contents.get(2) + "/contract.pdf");
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

    @Test
    void aServerThatKeepsFailingIsRecordedAsFailedAfterMaxAttempts() {
        DOCS.failNext(1000);

        postExport(completeExport("20261104-002318", DOCS.url("/flaky?doc=F"), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("archive", "parked") == 1);
        Map<String, Object> item = jdbc.queryForMap("SELECT * FROM delivery WHERE subscriber = 'archive'");
        assertThat(item).containsEntry("attempts", 3);
        assertThat(item.get("last_error").toString()).contains("500");
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
    void contractsStillInProgressAreNotArchived() {
        postExport(sample("04-embed-playing.json"));
        postExport(completeExport("20261104-002320", DOCS.url("/pdf?doc=X"), null).replace("\"worktype\": \"CF\"", "\"worktype\": \"ZZ\""));

        assertThat(count("archive_file")).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE subscriber = 'archive'", Long.class)).isZero();
    }

    private Map<String, Object> awaitFinished(String kind) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM archive_file WHERE kind = ?", Long.class, kind) > 0);
        return jdbc.queryForMap("SELECT * FROM archive_file WHERE kind = ? ORDER BY id LIMIT 1", kind);
    }
}
