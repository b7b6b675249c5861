package org.esignonbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.esignonbridge.support.ArchiveTest;
import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.OwnDatabase;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.google.GoogleDriveFiles;
import org.esignonbridge.support.google.GoogleDriveFiles.DriveFile;
import org.esignonbridge.support.google.GoogleSheetsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Instances of the packaged jar on one PostgreSQL database with the google-drive store, against the
 * Google emulator (real Drive client, real token exchange). One is killed (kill -9) when Drive has applied
 * its upload but not answered yet; another takes its contracts over while it starts again, and both
 * archive more. Drive allows two files of the same name, yet every file of every completed contract is
 * there exactly once, with the right hash, all in the oldest month folder.
 */
class ArchiveToDriveTwoInstancesIT {

    static final String SECRET = "it-secret-drive-5b1f02";
    static final String FOLDER = "1TwoInstancesContractsFolder";
    static final int CONTRACTS = 24;
    static final long CERTIFICATE = 6L * 1024 * 1024;

    @TempDir
    Path folder;

    OwnDatabase database;

    @BeforeEach
    void createTheDatabase() {
        database = OwnDatabase.beside("drive_it").create();
    }

    @AfterEach
    void dropTheDatabase() {
        database.close();
    }

    @Test
    void everyFileOfEveryContractIsInDriveExactlyOnceWhenAnInstanceIsKilledAfterDriveAppliedItsUpload() throws Exception {
        Path folderA = Files.createDirectories(folder.resolve("a"));
        Path folderB = Files.createDirectories(folder.resolve("b"));
        List<String> wfuids = new ArrayList<>();
        try (GoogleSheetsEmulator google = GoogleSheetsEmulator.start(); DocumentServer docs = DocumentServer.start()) {
            GoogleDriveFiles drive = google.drive();
            drive.createSharedFolder(FOLDER, "Signed contracts");
            Path key = google.writeServiceAccountKey(folder.resolve("key"));
            // a is killed right after Drive applied one of its uploads, before a heard of it
            drive.holdAnswersOfNextUploads(1);
            ProductProcess a = start(folderA, google, key);
            for (int i = 0; i < CONTRACTS; i++) {
                wfuids.add(String.format("20261104-7%05d", i));
            }
            for (String wfuid : wfuids.subList(0, CONTRACTS / 2)) {
                post(a, docs, wfuid);
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> drive.heldAnswers() == 1);
            a.kill();
            drive.releaseHeldAnswers();
            assertThat(drive.files().stream().filter(f -> !f.folder()).count()).as("files a uploaded").isPositive();

            // b takes a's contracts over once a's lease has run out, and a starts again beside it
            JdbcTemplate jdbc = database.jdbc();
            try (ProductProcess b = start(folderB, google, key); ProductProcess again = start(folderA, google, key)) {
                for (int i = CONTRACTS / 2; i < CONTRACTS; i++) {
                    post(i % 2 == 0 ? b : again, docs, wfuids.get(i));
                }
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
                        "SELECT COUNT(*) FROM archive_file WHERE state = 'archived'", Long.class) == 2L * CONTRACTS);
                await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                        "SELECT COUNT(*) FROM delivery WHERE subscriber = 'archive' AND state <> 'delivered'", Long.class) == 0);
                assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT stored_path) FROM archive_file WHERE state = 'archived'",
                        Long.class)).isEqualTo(2L * CONTRACTS);
                assertThat(jdbc.queryForList("SELECT stored_path FROM archive_file", String.class))
                        .allMatch(path -> path.startsWith("https://drive.google.com/file/d/") && path.endsWith("/view"));
            }

            List<DriveFile> files = drive.files().stream().filter(f -> !f.folder()).toList();
            assertThat(files).as("files in Drive").hasSize(2 * CONTRACTS);
            for (String wfuid : wfuids) {
                List<DriveFile> contract = drive.filesAt(FOLDER, "2026/11/" + wfuid + "-contract.pdf");
                assertThat(contract).as(wfuid + "-contract.pdf").hasSize(1);
                assertThat(contract.get(0).sha256()).isEqualTo(DocumentServer.sha256(DocumentServer.pdf("document", wfuid)));
                List<DriveFile> certificate = drive.filesAt(FOLDER, "2026/11/" + wfuid + "-certificate.pdf");
                assertThat(certificate).as(wfuid + "-certificate.pdf").hasSize(1);
                assertThat(certificate.get(0).sha256()).isEqualTo(DocumentServer.bigSha256(CERTIFICATE));
            }
            // both instances raced for the year and month folders: all files are in the oldest of each
            List<DriveFile> months = drive.files().stream().filter(f -> f.folder() && "2026/11".equals(drive.pathOf(f, FOLDER))).toList();
            DriveFile oldest = months.stream().min((x, y) -> x.createdTime().compareTo(y.createdTime())).orElseThrow();
            assertThat(files).allMatch(f -> f.parent().equals(oldest.id()));
        }
        for (Path local : List.of(folderA.resolve("archive"), folderB.resolve("archive"))) {
            if (Files.exists(local)) {
                try (var left = Files.walk(local)) {
                    assertThat(left.filter(Files::isRegularFile)).as("files left in " + local).isEmpty();
                }
            }
        }
    }

    private static void post(ProductProcess product, DocumentServer docs, String wfuid) {
        String export = ArchiveTest.completeExport(wfuid, docs.url("/pdf?doc=" + wfuid), docs.url("/big?bytes=" + CERTIFICATE));
        HttpResponse<String> answer = product.postExport(export);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private ProductProcess start(Path workingDirectory, GoogleSheetsEmulator google, Path key) {
        return ProductProcess.packagedJar(workingDirectory).secret(SECRET).env(Map.of(
                        "DATABASE_URL", database.url(),
                        "DATABASE_USERNAME", OwnDatabase.username(),
                        "GOOGLE_APPLICATION_CREDENTIALS", key.toString())).args(
                "--esignon.archive.directory=archive",
                "--esignon.archive.allowed-hosts=127.0.0.1",
                "--esignon.archive.allow-insecure-loopback=true",
                "--esignon.archive.store=google-drive",
                "--esignon.archive.drive.folder-id=" + FOLDER,
                "--esignon.archive.drive.root-url=" + google.rootUrl(),
                "--esignon.delivery.poll-interval=100ms",
                "--esignon.delivery.initial-delay=500ms",
                "--esignon.delivery.lease=5s",
                "--esignon.handoff.enabled=false").start();
    }
}
