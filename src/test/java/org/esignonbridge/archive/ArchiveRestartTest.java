package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.esignonbridge.support.ArchiveTest;
import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.StartedProduct;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The product stops in the middle of a download: the next start fetches the file again, whole. */
@OnEveryDatabase
class ArchiveRestartTest {

    private static final long SIZE = 4L * 1024 * 1024;

    @Test
    void aRestartMidDownloadResumesAndLeavesNoPartialFile() throws Exception {
        DocumentServer docs = ArchiveTest.DOCS;
        Path archive = Files.createTempDirectory("restart-archive");
        String[] settings = {
            "--esignon.archive.directory=" + archive,
            "--esignon.archive.allowed-hosts=127.0.0.1",
            "--esignon.archive.allow-insecure-loopback=true",
            "--esignon.archive.max-bytes=10MB",
            "--esignon.delivery.poll-interval=100ms",
            "--esignon.delivery.lease=3s",
        };
        String export = ProductTest.sample("05-embed-complete.json")
                .replace("https://docs.esignon.net/download/pdf?doc=20261104-002310", docs.url("/big?bytes=" + SIZE))
                .replaceFirst("\"cert_url\": \"[^\"]*\",", "");
        docs.reset();
        docs.stallDownloads(true);

        try (StartedProduct first = StartedProduct.start(settings)) {
            first.emptyDatabase();
            assertThat(first.postExport(export).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> partialFiles(archive) > 0);
        } // stopped in the middle of the download

        assertThat(Files.exists(archive.resolve("2026/11/20261104-002310/contract.pdf"))).isFalse();
        docs.stallDownloads(false);

        try (StartedProduct second = StartedProduct.start(settings)) {
            JdbcTemplate jdbc = second.bean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM archive_file WHERE state = 'archived'", Long.class) == 1);

            Map<String, Object> file = jdbc.queryForMap("SELECT * FROM archive_file");
            Path pdf = archive.resolve("2026/11/20261104-002310/contract.pdf");
            assertThat(Files.size(pdf)).isEqualTo(SIZE);
            assertThat(file.get("sha256")).isEqualTo(DocumentServer.bigSha256(SIZE));
            assertThat(partialFiles(archive)).isZero();
        } finally {
            docs.release();
        }
    }

    private static long partialFiles(Path archive) throws Exception {
        try (var files = Files.walk(archive)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        }
    }
}
