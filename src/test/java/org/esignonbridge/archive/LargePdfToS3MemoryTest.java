package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.S3Server;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A PDF larger than the heap goes to the bucket streamed from a temporary file, never held in memory
 * (the bar is 200 MiB with -Xmx256m; 300 MiB makes any whole-file copy in memory fail).
 */
class LargePdfToS3MemoryTest {

    private static final long SIZE = 300L * 1024 * 1024;
    private static final String KEY = "2026/11/20261104-002310/contract.pdf";

    @Test
    void a300MiBPdfIsArchivedToS3WithA256MiBHeap() throws Exception {
        S3Server s3 = S3Server.start();
        s3.bucket("large-contracts", false);
        s3.empty("large-contracts");
        var archive = Files.createTempDirectory("large-s3-archive");
        try (DocumentServer docs = DocumentServer.start();
             ProductProcess product = ProductProcess.fromClasspath().jvm("-Xmx256m").args(
                     "--esignon.archive.directory=" + archive,
                     "--esignon.archive.allowed-hosts=127.0.0.1",
                     "--esignon.archive.allow-insecure-loopback=true",
                     "--esignon.archive.max-bytes=400MB",
                     "--esignon.archive.store=s3",
                     "--esignon.archive.s3.bucket=large-contracts",
                     "--esignon.archive.s3.endpoint=" + s3.endpoint(),
                     "--esignon.archive.s3.path-style-access=true",
                     "--esignon.archive.s3.access-key=" + S3Server.ACCESS_KEY,
                     "--esignon.archive.s3.secret-key=" + S3Server.SECRET_KEY,
                     "--esignon.delivery.poll-interval=100ms").start()) {
            String export = ProductTest.sample("05-embed-complete.json")
                    .replace("https://docs.esignon.net/download/pdf?doc=20261104-002310", docs.url("/big?bytes=" + SIZE))
                    .replaceFirst("\"cert_url\": \"[^\"]*\",", "");

            assertThat(product.postExport(export).statusCode()).isEqualTo(200);

            HeadObjectResponse head = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .ignoreException(NoSuchKeyException.class)
                    .until(() -> s3.client().headObject(r -> r.bucket("large-contracts").key(KEY).checksumMode(ChecksumMode.ENABLED)),
                            found -> true);
            assertThat(head.contentLength()).isEqualTo(SIZE);
            assertThat(HexFormat.of().formatHex(Base64.getDecoder().decode(head.checksumSHA256()))).isEqualTo(DocumentServer.bigSha256(SIZE));
            assertThat(product.isAlive()).isTrue();
            assertThat(product.log()).doesNotContain("OutOfMemoryError");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try (var files = Files.walk(archive)) {
                    return files.noneMatch(Files::isRegularFile);   // the temporary file is gone once uploaded
                }
            });
        }
    }
}
