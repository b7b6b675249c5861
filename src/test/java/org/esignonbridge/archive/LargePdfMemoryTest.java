package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/** A PDF close to the heap's size is streamed to the archive folder, never held in memory. */
class LargePdfMemoryTest {

    private static final long SIZE = 200L * 1024 * 1024;

    @Test
    void a200MiBPdfIsArchivedWithA256MiBHeap() throws Exception {
        Path archive = Files.createTempDirectory("large-archive");
        Path contract = archive.resolve("2026/11/20261104-002310/contract.pdf");
        try (DocumentServer docs = DocumentServer.start();
             ProductProcess product = ProductProcess.fromClasspath().jvm("-Xmx256m").args(
                     "--esignon.archive.directory=" + archive,
                     "--esignon.archive.allowed-hosts=127.0.0.1",
                     "--esignon.archive.allow-insecure-loopback=true",
                     "--esignon.archive.max-bytes=300MB",
                     "--esignon.delivery.poll-interval=100ms").start()) {
            String export = ProductTest.sample("05-embed-complete.json")
                    .replace("https://docs.esignon.net/download/pdf?doc=20261104-002310", docs.url("/big?bytes=" + SIZE))
                    .replaceFirst("\"cert_url\": \"[^\"]*\",", "");

            assertThat(product.postExport(export).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Files.isRegularFile(contract) && Files.size(contract) == SIZE);
            assertThat(sha256(contract)).isEqualTo(DocumentServer.bigSha256(SIZE));
            assertThat(product.isAlive()).isTrue();
            assertThat(product.log()).doesNotContain("OutOfMemoryError");
        } finally {
            FileSystemUtils.deleteRecursively(archive);
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
