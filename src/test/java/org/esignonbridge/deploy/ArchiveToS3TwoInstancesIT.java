package org.esignonbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.esignonbridge.support.ArchiveTest;
import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.OwnDatabase;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.S3Front;
import org.esignonbridge.support.S3Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;

/**
 * Two instances of the packaged jar, each with its own local folder, on one PostgreSQL database with
 * the s3 store, under load; one is killed (kill -9) in the middle of its uploads. Every file of every
 * completed contract is in the bucket exactly once (the bucket policy refuses overwrites, and none is
 * tried), with the right hash and retention, and nothing stays in either local folder.
 */
class ArchiveToS3TwoInstancesIT {

    static final String SECRET = "it-secret-s3-7c2e91d4";
    static final String BUCKET = "two-instances";
    static final int CONTRACTS = 30;
    static final long CERTIFICATE = 2L * 1024 * 1024;

    @TempDir
    Path folder;

    OwnDatabase database;

    @BeforeEach
    void createTheDatabase() {
        database = OwnDatabase.beside("s3_it").create();
    }

    @AfterEach
    void dropTheDatabase() {
        database.close();
    }

    @Test
    void everyFileOfEveryContractIsInTheBucketExactlyOnceWhenAnInstanceIsKilledMidUpload() throws Exception {
        S3Server s3 = S3Server.start();
        s3.bucket(BUCKET, true);
        s3.empty(BUCKET);
        Path folderA = Files.createDirectories(folder.resolve("a"));
        Path folderB = Files.createDirectories(folder.resolve("b"));
        List<String> wfuids = new ArrayList<>();
        try (DocumentServer docs = DocumentServer.start(); S3Front front = new S3Front(s3)) {
            ProductProcess a = start(folderA, front);
            try (ProductProcess b = start(folderB, front)) {
                for (int i = 0; i < CONTRACTS; i++) {
                    String wfuid = String.format("20261104-5%05d", i);
                    wfuids.add(wfuid);
                    String export = ArchiveTest.completeExport(wfuid, docs.url("/pdf?doc=" + wfuid), docs.url("/big?bytes=" + CERTIFICATE));
                    HttpResponse<String> answer = (i % 2 == 0 ? a : b).postExport(export);
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                }
                // kill -9 while a's uploads are under way
                await().atMost(Duration.ofMinutes(2)).until(() -> front.uploadsOf(".pdf") >= CONTRACTS / 2);
                a.kill();

                JdbcTemplate jdbc = database.jdbc();
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
                        "SELECT COUNT(*) FROM archive_file WHERE state = 'archived'", Long.class) == 2L * CONTRACTS);
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE subscriber = 'archive' AND state <> 'delivered'",
                        Long.class)).as(b.log()).isZero();
                assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT stored_path) FROM archive_file WHERE state = 'archived'",
                        Long.class)).isEqualTo(2L * CONTRACTS);
                // the killed instance held work: b finished it after a's lease ran out
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE subscriber = 'archive' AND attempts > 1",
                        Long.class)).isPositive();
            }
            // the killed instance's next start removes what its cut-short downloads left
            try (ProductProcess again = start(folderA, front)) {
                assertThat(again.log()).contains("Started EsignonBridgeApplication");
            }
            assertThat(front.policyRefusals()).as("overwrites the bucket policy refused").isZero();
        }

        List<String> expected = new ArrayList<>();
        wfuids.forEach(wfuid -> expected.addAll(List.of(key(wfuid, "certificate.pdf"), key(wfuid, "contract.pdf"))));
        assertThat(s3.keys(BUCKET)).containsExactlyInAnyOrderElementsOf(expected);
        for (String wfuid : wfuids) {
            assertThat(sha256(s3, key(wfuid, "contract.pdf"))).isEqualTo(DocumentServer.sha256(DocumentServer.pdf("document", wfuid)));
            assertThat(sha256(s3, key(wfuid, "certificate.pdf"))).isEqualTo(DocumentServer.bigSha256(CERTIFICATE));
            for (String file : List.of("contract.pdf", "certificate.pdf")) {
                assertThat(s3.client().getObjectRetention(r -> r.bucket(BUCKET).key(key(wfuid, file))).retention().mode())
                        .isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
            }
        }
        for (Path local : List.of(folderA.resolve("archive"), folderB.resolve("archive"))) {
            if (Files.exists(local)) {
                try (var files = Files.walk(local)) {
                    assertThat(files.filter(Files::isRegularFile)).as("files left in " + local).isEmpty();
                }
            }
        }
    }

    private ProductProcess start(Path workingDirectory, S3Front front) {
        return ProductProcess.packagedJar(workingDirectory).secret(SECRET).env(Map.of(
                        "DATABASE_URL", database.url(),
                        "DATABASE_USERNAME", OwnDatabase.username(),
                        "ESIGNON_ARCHIVE_S3_ACCESS_KEY", S3Server.ACCESS_KEY,
                        "ESIGNON_ARCHIVE_S3_SECRET_KEY", S3Server.SECRET_KEY)).args(
                "--esignon.archive.directory=archive",
                "--esignon.archive.allowed-hosts=127.0.0.1",
                "--esignon.archive.allow-insecure-loopback=true",
                "--esignon.archive.store=s3",
                "--esignon.archive.s3.bucket=" + BUCKET,
                "--esignon.archive.s3.endpoint=" + front.endpoint(),
                "--esignon.archive.s3.path-style-access=true",
                "--esignon.archive.s3.retention-mode=COMPLIANCE",
                "--esignon.archive.s3.retain-for=P10Y",
                "--esignon.delivery.poll-interval=100ms",
                "--esignon.delivery.initial-delay=500ms",
                "--esignon.delivery.lease=5s",
                "--esignon.handoff.enabled=false").start();
    }

    private static String key(String wfuid, String file) {
        return "2026/11/" + wfuid + "/" + file;
    }

    private static String sha256(S3Server s3, String key) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(
                s3.client().headObject(r -> r.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED)).checksumSHA256()));
    }
}
