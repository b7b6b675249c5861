package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.S3ArchiveTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;

class ArchiveToS3Test extends S3ArchiveTest {

    static final Path BACKUP = temporaryFolder();
    static final String ADMIN_TOKEN = "admin-token-s3-4e7a0c";

    /** The recipe of docs/recipes: a document-archived subscriber that copies each archived file to a folder. */
    @DynamicPropertySource
    static void backupRecipe(DynamicPropertyRegistry registry) {
        registry.add("camel.main.routes-include-pattern", () -> "file:routes/*.yaml,file:docs/recipes/archived-pdf-to-backup.camel.yaml");
        registry.add("backup.directory", BACKUP::toString);
        registry.add("esignon.admin.token", () -> ADMIN_TOKEN);
    }


    @AfterEach
    void noDeleteNorOverwriteWasTried() {
        assertThat(FRONT.policyRefusals()).as("deletes and overwrites the bucket policy refused").isZero();
    }

    @Test
    void eachFileOfACompletedContractIsAnObjectWithItsChecksumUnderRetention() throws Exception {
        postExport(completeExport("20261104-002310", DOCS.url("/pdf?doc=D1"), DOCS.url("/cert?doc=D1")));

        Map<String, Object> document = awaitFinished("document");
        Map<String, Object> certificate = awaitFinished("certificate");

        byte[] pdf = DocumentServer.pdf("document", "D1");
        String key = key("20261104-002310", "contract.pdf");
        assertThat(document).containsEntry("state", "archived").containsEntry("stored_path", "s3://" + BUCKET + "/" + key)
                .containsEntry("sha256", DocumentServer.sha256(pdf));
        assertThat(((Number) document.get("size_bytes")).longValue()).isEqualTo(pdf.length);
        assertThat(certificate).containsEntry("state", "archived")
                .containsEntry("stored_path", "s3://" + BUCKET + "/" + key("20261104-002310", "certificate.pdf"));
        assertThat(S3.keys(BUCKET)).containsExactly(key("20261104-002310", "certificate.pdf"), key("20261104-002310", "contract.pdf"));
        assertThat(object(key)).isEqualTo(pdf);

        // the store was sent the SHA-256 computed while downloading, and checked the bytes against it
        HeadObjectResponse head = S3.client().headObject(r -> r.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumSHA256()).as("the object's SHA-256 checksum").isNotNull();
        assertThat(HexFormat.of().formatHex(Base64.getDecoder().decode(head.checksumSHA256()))).isEqualTo(DocumentServer.sha256(pdf));
        assertThat(head.contentType()).isEqualTo("application/pdf");

        // locked for ten years from the contract's completion (workdatetime 2026-11-04 13:47:59), under legal hold
        ObjectLockRetention retention = S3.client().getObjectRetention(r -> r.bucket(BUCKET).key(key)).retention();
        assertThat(retention.mode()).isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
        assertThat(retention.retainUntilDate()).isEqualTo(Instant.parse("2036-11-04T13:47:59Z"));
        assertThat(S3.client().getObjectLegalHold(r -> r.bucket(BUCKET).key(key)).legalHold().status())
                .isEqualTo(ObjectLockLegalHoldStatus.ON);

        // nothing stays in the local folder; the trail shows the object's URI, size and hash
        assertThat(archiveContents()).allMatch(path -> !path.endsWith(".pdf") && !path.endsWith(".part"));
        var files = json(send(HttpRequest.newBuilder(managementUri("/admin/api/contracts/20261104-002310"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build())).at("/exports/0/files");
        assertThat(files).anySatisfy(file -> {
            assertThat(file.get("stored_path").asText()).isEqualTo("s3://" + BUCKET + "/" + key);
            assertThat(file.get("size_bytes").asLong()).isEqualTo(pdf.length);
            assertThat(file.get("sha256").asText()).isEqualTo(DocumentServer.sha256(pdf));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("archive", "delivered") == 1);

        // document-archived subscribers get the object's bytes, as they get the file of the filesystem store
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(BACKUP.resolve("20261104-002310-contract.pdf")));
        assertThat(Files.readAllBytes(BACKUP.resolve("20261104-002310-contract.pdf"))).isEqualTo(pdf);
    }

    /** A stop after the upload but before the record: the next attempt finds the same bytes and records them. */
    @Test
    void theSameObjectAlreadyAtTheKeyCountsAsArchivedAndIsNotUploadedAgain() {
        String key = key("20261104-002322", "contract.pdf");
        S3.client().putObject(r -> r.bucket(BUCKET).key(key).checksumAlgorithm("SHA256"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(DocumentServer.pdf("document", "P")));

        postExport(completeExport("20261104-002322", DOCS.url("/pdf?doc=P"), null));

        assertThat(awaitFinished("document")).containsEntry("state", "archived")
                .containsEntry("stored_path", "s3://" + BUCKET + "/" + key);
        assertThat(FRONT.uploadsOf("contract.pdf")).isZero();
        assertThat(S3.client().getObjectRetention(r -> r.bucket(BUCKET).key(key)).retention().mode())
                .isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
    }

    @Test
    void aDifferentObjectAtTheKeyIsNeverOverwrittenAndTheContractIsParkedSayingSo() {
        String key = key("20261104-002321", "contract.pdf");
        S3.client().putObject(r -> r.bucket(BUCKET).key(key).checksumAlgorithm("SHA256"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(DocumentServer.pdf("document", "someone else's")));

        postExport(completeExport("20261104-002321", DOCS.url("/pdf?doc=N"), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("archive", "parked") == 1);
        Map<String, Object> delivery = jdbc.queryForMap("SELECT * FROM delivery WHERE subscriber = 'archive'");
        assertThat(delivery).containsEntry("attempts", 1);
        assertThat(delivery.get("last_error").toString())
                .contains("a different object is already archived at s3://" + BUCKET + "/" + key + ": it is never overwritten");
        assertThat(object(key)).isEqualTo(DocumentServer.pdf("document", "someone else's"));
        assertThat(FRONT.uploadsOf("contract.pdf")).isZero();
        assertThat(count("archive_file")).isZero();
    }

    @Test
    void throttlingIsRetriedWithTheEnginesBackOffUntilTheObjectIsStored() {
        FRONT.failUploads(2, 503, "SlowDown");

        postExport(completeExport("20261104-002317", DOCS.url("/pdf?doc=F"), null));

        assertThat(awaitFinished("document")).containsEntry("state", "archived");
        assertThat(FRONT.uploadsOf("contract.pdf")).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT attempts FROM delivery WHERE subscriber = 'archive'", Integer.class)).isEqualTo(3);
        assertThat(object(key("20261104-002317", "contract.pdf"))).isEqualTo(DocumentServer.pdf("document", "F"));
    }

    @Test
    void aStoreThatKeepsFailingParksTheContractAfterMaxAttempts() {
        FRONT.failUploads(1000, 500, "InternalError");

        postExport(completeExport("20261104-002318", DOCS.url("/pdf?doc=F"), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("archive", "parked") == 1);
        Map<String, Object> delivery = jdbc.queryForMap("SELECT * FROM delivery WHERE subscriber = 'archive'");
        assertThat(delivery).containsEntry("attempts", 3);
        assertThat(delivery.get("last_error").toString()).contains("500");
        assertThat(count("archive_file")).isZero();
        assertThat(S3.keys(BUCKET)).isEmpty();
    }

    @Test
    void accessDeniedParksTheContractAtOnceWithTheStoresMessage() {
        FRONT.failUploads(1000, 403, "AccessDenied");

        postExport(completeExport("20261104-002323", DOCS.url("/pdf?doc=F"), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("archive", "parked") == 1);
        Map<String, Object> delivery = jdbc.queryForMap("SELECT * FROM delivery WHERE subscriber = 'archive'");
        assertThat(delivery).containsEntry("attempts", 1);
        assertThat(delivery.get("last_error").toString()).contains("the bucket denied access").contains("Access Denied");
        assertThat(S3.keys(BUCKET)).isEmpty();
    }

    @Test
    void aStoreOutOfReachIsRetriedAndTheWebhookIsNotAffected() {
        FRONT.cut();
        String error;
        try {
            assertThat(postExport(completeExport("20261104-002324", DOCS.url("/pdf?doc=U"), null)).statusCode()).isEqualTo(200);
            error = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                    "SELECT last_error FROM delivery WHERE subscriber = 'archive' AND state = 'pending'", String.class),
                    errors -> !errors.isEmpty() && errors.get(0) != null).get(0);
        } finally {
            FRONT.restore();
        }

        assertThat(error).containsAnyOf("HttpHostConnectException", "NoHttpResponseException");   // refused, or a pooled connection cut
        assertThat(awaitFinished("document")).containsEntry("state", "archived");
        assertThat(object(key("20261104-002324", "contract.pdf"))).isEqualTo(DocumentServer.pdf("document", "U"));
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("backup");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, Object> awaitFinished(String kind) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM archive_file WHERE kind = ?", Long.class, kind) > 0);
        return jdbc.queryForMap("SELECT * FROM archive_file WHERE kind = ? ORDER BY id LIMIT 1", kind);
    }
}
