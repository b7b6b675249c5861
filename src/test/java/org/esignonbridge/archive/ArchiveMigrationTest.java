package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.esignonbridge.support.ArchiveTest;
import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.S3Front;
import org.esignonbridge.support.S3Server;
import org.esignonbridge.support.StartedProduct;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;

/**
 * docs/archive.md, "Move a local archive to S3": a product that archived to its folder, started again with the
 * s3 store and migrate-to-s3, moves each file to the bucket verified by its hash; a file whose bytes
 * changed since it was archived stays where it is; running it again moves nothing twice.
 */
@OnEveryDatabase
class ArchiveMigrationTest {

    private static final String BUCKET = "migrated-contracts";

    @Test
    void theLocalArchiveMovesToTheBucketFileByFileVerifiedAndResumably() throws Exception {
        DocumentServer docs = ArchiveTest.DOCS;
        S3Server s3 = S3Server.start();
        s3.bucket(BUCKET, true);
        s3.empty(BUCKET);
        Path archive = Files.createTempDirectory("migrated-archive");
        String[] local = {
            "--esignon.archive.directory=" + archive,
            "--esignon.archive.allowed-hosts=127.0.0.1",
            "--esignon.archive.allow-insecure-loopback=true",
            "--esignon.delivery.poll-interval=100ms",
        };
        docs.reset();
        try (StartedProduct filesystem = StartedProduct.start(local)) {
            filesystem.emptyDatabase();
            for (String doc : List.of("M1", "M2", "M3")) {
                filesystem.postExport(ArchiveTest.completeExport("20261104-0031" + doc, docs.url("/pdf?doc=" + doc), null));
            }
            JdbcTemplate jdbc = filesystem.bean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM archive_file WHERE state = 'archived'", Long.class) == 3);
        }
        Path tampered = archive.resolve("2026/11/20261104-0031M3/contract.pdf");
        Files.write(tampered, DocumentServer.pdf("document", "changed on disk"));

        try (S3Front front = new S3Front(s3)) {
            String[] migrate = settings(local, front);
            try (StartedProduct first = StartedProduct.start(migrate)) {
                JdbcTemplate jdbc = first.bean(JdbcTemplate.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                        "SELECT COUNT(*) FROM archive_file WHERE stored_path LIKE 's3://%'", Long.class) == 2);

                for (String doc : List.of("M1", "M2")) {
                    String key = "2026/11/20261104-0031" + doc + "/contract.pdf";
                    byte[] pdf = DocumentServer.pdf("document", doc);
                    assertThat(jdbc.queryForObject("SELECT stored_path FROM archive_file WHERE wfuid = ?", String.class,
                            "20261104-0031" + doc)).isEqualTo("s3://" + BUCKET + "/" + key);
                    assertThat(s3.client().getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray()).isEqualTo(pdf);
                    assertThat(HexFormat.of().formatHex(Base64.getDecoder().decode(s3.client().headObject(r -> r.bucket(BUCKET).key(key)
                            .checksumMode(ChecksumMode.ENABLED)).checksumSHA256()))).isEqualTo(DocumentServer.sha256(pdf));
                    assertThat(s3.client().getObjectRetention(r -> r.bucket(BUCKET).key(key)).retention().mode())
                            .isEqualTo(ObjectLockRetentionMode.GOVERNANCE);
                    assertThat(archive.resolve(key)).exists();   // the local copy is the operator's to delete
                }
                assertThat(jdbc.queryForObject("SELECT stored_path FROM archive_file WHERE wfuid = '20261104-0031M3'", String.class))
                        .isEqualTo(tampered.toString());
                assertThat(s3.keys(BUCKET)).hasSize(2);
                // as if the migration had stopped after M2's upload, before its record
                jdbc.update("UPDATE archive_file SET stored_path = ? WHERE wfuid = '20261104-0031M2'",
                        archive.resolve("2026/11/20261104-0031M2/contract.pdf").toString());
            }
            assertThat(front.uploadsOf(".pdf")).isEqualTo(2);
            front.reset();

            // run again: M2's object is found with the same hash and recorded without a second upload
            try (StartedProduct again = StartedProduct.start(migrate)) {
                JdbcTemplate jdbc = again.bean(JdbcTemplate.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                        "SELECT COUNT(*) FROM archive_file WHERE stored_path LIKE 's3://%'", Long.class) == 2);
                assertThat(front.uploadsOf(".pdf")).isZero();
                assertThat(front.requests()).anyMatch(request -> request.startsWith("HEAD ") && request.endsWith("0031M2/contract.pdf"));
            }
            assertThat(front.policyRefusals()).isZero();
        }
    }

    private static String[] settings(String[] local, S3Front front) {
        List<String> settings = new java.util.ArrayList<>(List.of(local));
        settings.addAll(List.of(
                "--esignon.archive.store=s3",
                "--esignon.archive.migrate-to-s3=true",
                "--esignon.archive.s3.bucket=" + BUCKET,
                "--esignon.archive.s3.endpoint=" + front.endpoint(),
                "--esignon.archive.s3.path-style-access=true",
                "--esignon.archive.s3.access-key=" + S3Server.ACCESS_KEY,
                "--esignon.archive.s3.secret-key=" + S3Server.SECRET_KEY,
                "--esignon.archive.s3.retention-mode=GOVERNANCE",
                "--esignon.archive.s3.retain-for=P7Y"));
        return settings.toArray(String[]::new);
    }
}
