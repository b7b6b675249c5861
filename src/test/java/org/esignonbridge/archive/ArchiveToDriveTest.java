package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.DriveArchiveTest;
import org.esignonbridge.support.google.GoogleDriveFiles.DriveFile;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ArchiveToDriveTest extends DriveArchiveTest {

    static final Path BACKUP = temporaryFolder();

    /** The recipe of docs/recipes: a document-archived subscriber that copies each archived file to a folder. */
    @DynamicPropertySource
    static void backupRecipe(DynamicPropertyRegistry registry) {
        registry.add("camel.main.routes-include-pattern", () -> "file:routes/*.yaml,file:docs/recipes/archived-pdf-to-backup.camel.yaml");
        registry.add("backup.directory", BACKUP::toString);
    }

    @Test
    void eachFileOfACompletedContractIsInItsMonthsFolderOnceWithItsHashAndProperties() throws Exception {
        postExport(completeExport("20261104-002310", DOCS.url("/pdf?doc=D1"), DOCS.url("/cert?doc=D1")));

        Map<String, Object> document = awaitFinished("document");
        Map<String, Object> certificate = awaitFinished("certificate");

        byte[] pdf = DocumentServer.pdf("document", "D1");
        List<DriveFile> contract = filesAt("20261104-002310-contract.pdf");
        assertThat(contract).hasSize(1);
        DriveFile file = contract.get(0);
        assertThat(file.bytes()).isEqualTo(pdf);
        assertThat(file.sha256()).isEqualTo(DocumentServer.sha256(pdf));
        assertThat(file.mimeType()).isEqualTo("application/pdf");
        long exportId = ((Number) document.get("export_id")).longValue();
        assertThat(file.appProperties()).containsEntry("esignonExport", String.valueOf(exportId))
                .containsEntry("esignonKind", "document").containsEntry("sha256", DocumentServer.sha256(pdf))
                .containsKey("esignonInstallation");
        assertThat(document).containsEntry("state", "archived")
                .containsEntry("stored_path", "https://drive.google.com/file/d/" + file.id() + "/view")
                .containsEntry("sha256", DocumentServer.sha256(pdf));
        List<DriveFile> certificateFile = filesAt("20261104-002310-certificate.pdf");
        assertThat(certificateFile).hasSize(1);
        assertThat(certificateFile.get(0).bytes()).isEqualTo(DocumentServer.pdf("certificate", "D1"));
        assertThat(certificate).containsEntry("stored_path", "https://drive.google.com/file/d/" + certificateFile.get(0).id() + "/view");

        // one year folder and one month folder, created for it; two files in all
        assertThat(DRIVE.files()).extracting(f -> DRIVE.pathOf(f, FOLDER)).containsExactlyInAnyOrder(
                "2026", "2026/11", "2026/11/20261104-002310-contract.pdf", "2026/11/20261104-002310-certificate.pdf", null);
        // streamed in a resumable upload, never multipart
        assertThat(DRIVE.calls()).filteredOn(call -> call.upload() && call.method().equals("POST"))
                .allSatisfy(call -> assertThat(call.query()).containsEntry("uploadType", "resumable").containsEntry("supportsAllDrives", "true"));
        assertThat(archiveContents()).allMatch(path -> !path.endsWith(".pdf") && !path.endsWith(".part"));
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("archive", "delivered") == 1);

        // document-archived subscribers get the file's bytes from Drive
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(BACKUP.resolve("20261104-002310-contract.pdf")));
        assertThat(Files.readAllBytes(BACKUP.resolve("20261104-002310-contract.pdf"))).isEqualTo(pdf);
    }

    @Test
    void aSecondContractOfTheMonthGoesIntoTheSameFolders() {
        postExport(completeExport("20261104-002311", DOCS.url("/pdf?doc=A"), null));
        awaitFinished("document");
        postExport(completeExport("20261104-002312", DOCS.url("/pdf?doc=B"), null));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("archive_file") == 2);

        assertThat(DRIVE.files()).filteredOn(DriveFile::folder).extracting(f -> DRIVE.pathOf(f, FOLDER))
                .containsExactlyInAnyOrder(null, "2026", "2026/11");
        assertThat(filesAt("20261104-002311-contract.pdf")).hasSize(1);
        assertThat(filesAt("20261104-002312-contract.pdf")).hasSize(1);
    }

    @Test
    void anUploadDriveAppliedButAnswered500IsFoundByItsPropertiesAndNotUploadedTwice() {
        DRIVE.applyThenFailNextUploads(1, 500);

        postExport(completeExport("20261104-002313", DOCS.url("/pdf?doc=L"), null));

        assertThat(awaitFinished("document")).containsEntry("state", "archived");
        assertThat(filesAt("20261104-002313-contract.pdf")).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT attempts FROM delivery WHERE subscriber = 'archive'", Integer.class)).isEqualTo(2);
        assertThat(DRIVE.calls()).filteredOn(call -> call.upload() && call.method().equals("POST")).hasSize(1);
    }

    @Test
    void anUploadDriveAppliedButWhoseAnswerWasDroppedIsNotUploadedTwice() {
        DRIVE.applyThenDropNextUploads(1);

        postExport(completeExport("20261104-002314", DOCS.url("/pdf?doc=L"), null));

        assertThat(awaitFinished("document")).containsEntry("state", "archived");
        assertThat(filesAt("20261104-002314-contract.pdf")).hasSize(1);
        assertThat(DRIVE.calls()).filteredOn(call -> call.upload() && call.method().equals("POST")).hasSize(1);
    }

    @Test
    void aFolderNobodySharedParksTheContractWithGooglesMessageAndTheFix() {
        GOOGLE.reset();   // no folder FOLDER for this account

        postExport(completeExport("20261104-002315", DOCS.url("/pdf?doc=N"), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("archive", "parked") == 1);
        Map<String, Object> delivery = jdbc.queryForMap("SELECT * FROM delivery WHERE subscriber = 'archive'");
        assertThat(delivery).containsEntry("attempts", 1);
        assertThat(delivery.get("last_error").toString()).contains("Google Drive answered 404 notFound: File not found: " + FOLDER)
                .contains("share that folder").contains("docs/archive.md#archive-to-google-drive");
        assertThat(count("archive_file")).isZero();
    }

    @Test
    void aFolderSharedReadOnlyParksTheContractWithGooglesMessage() {
        DRIVE.readOnly(FOLDER);

        postExport(completeExport("20261104-002316", DOCS.url("/pdf?doc=R"), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("archive", "parked") == 1);
        Map<String, Object> delivery = jdbc.queryForMap("SELECT * FROM delivery WHERE subscriber = 'archive'");
        assertThat(delivery).containsEntry("attempts", 1);
        assertThat(delivery.get("last_error").toString()).contains("403 insufficientFilePermissions")
                .contains("docs/archive.md#archive-to-google-drive");
        assertThat(DRIVE.files()).hasSize(1);
    }

    @Test
    void drivesQuotaIsWaitedOutAndNeverParksEvenPastMaxAttempts() {
        DRIVE.failNextCalls(2, 429, "rateLimitExceeded");
        DRIVE.failNextCalls(2, 403, "userRateLimitExceeded");

        postExport(completeExport("20261104-002317", DOCS.url("/pdf?doc=Q"), null));

        assertThat(awaitFinished("document")).containsEntry("state", "archived");
        assertThat(filesAt("20261104-002317-contract.pdf")).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT attempts FROM delivery WHERE subscriber = 'archive'", Integer.class))
                .as("more attempts than max-attempts (3)").isEqualTo(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("archive", "delivered") == 1);
    }

    @Test
    void bytesDriveKeptOtherThanThoseDownloadedParkTheContract() {
        DRIVE.corruptNextUploads(1);

        postExport(completeExport("20261104-002319", DOCS.url("/pdf?doc=C"), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("archive", "parked") == 1);
        Map<String, Object> delivery = jdbc.queryForMap("SELECT * FROM delivery WHERE subscriber = 'archive'");
        assertThat(delivery).containsEntry("attempts", 1);
        assertThat(delivery.get("last_error").toString()).contains("Google Drive holds other bytes at https://drive.google.com/file/d/")
                .contains(DocumentServer.sha256(DocumentServer.pdf("document", "C")));
        assertThat(count("archive_file")).isZero();
    }

    @Test
    void withoutASha256ChecksumDrivesMd5IsCompared() {
        DRIVE.sha256Checksums(false);
        postExport(completeExport("20261104-002320", DOCS.url("/pdf?doc=M"), null));
        assertThat(awaitFinished("document")).containsEntry("state", "archived");

        DRIVE.corruptNextUploads(1);
        postExport(completeExport("20261104-002321", DOCS.url("/pdf?doc=X"), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("archive", "parked") == 1);
        assertThat(jdbc.queryForObject("SELECT last_error FROM delivery WHERE subscriber = 'archive' AND state = 'parked'",
                String.class)).contains("Google Drive holds other bytes");
    }

    @Test
    void aFolderInASharedDriveIsFoundWithSupportsAllDrives() {
        GOOGLE.reset();
        DRIVE.createSharedDrive(FOLDER, "Contracts (shared drive)");

        postExport(completeExport("20261104-002318", DOCS.url("/pdf?doc=S"), DOCS.url("/cert?doc=S")));

        assertThat(awaitFinished("document")).containsEntry("state", "archived");
        assertThat(awaitFinished("certificate")).containsEntry("state", "archived");
        List<DriveFile> files = filesAt("20261104-002318-contract.pdf");
        assertThat(files).hasSize(1);
        assertThat(files.get(0).driveId()).isEqualTo(FOLDER);
        assertThat(files.get(0).bytes()).isEqualTo(DocumentServer.pdf("document", "S"));
        // the certificate found the folders the contract's upload created: listing sees into the shared drive
        assertThat(DRIVE.files()).filteredOn(DriveFile::folder).extracting(f -> DRIVE.pathOf(f, FOLDER))
                .containsExactlyInAnyOrder(null, "2026", "2026/11");
        assertThat(filesAt("20261104-002318-certificate.pdf")).hasSize(1);
    }

    private Map<String, Object> awaitFinished(String kind) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM archive_file WHERE kind = ?", Long.class, kind) > 0);
        return jdbc.queryForMap("SELECT * FROM archive_file WHERE kind = ? ORDER BY id LIMIT 1", kind);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("backup");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
