package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.google.GoogleDriveFiles.DriveFile;
import org.esignonbridge.support.google.GoogleSheetsEmulator;
import org.junit.jupiter.api.Test;

/**
 * A PDF larger than the heap goes to Google Drive in a resumable upload streamed from the temporary
 * file, never held in memory (the bar is 200 MiB with -Xmx256m; 300 MiB makes any whole-file
 * copy in memory fail). The emulator keeps what it receives on disk.
 */
class LargePdfToDriveMemoryTest {

    private static final long SIZE = 300L * 1024 * 1024;
    private static final String FOLDER = "1LargeContractsFolder";

    @Test
    void a300MiBPdfIsArchivedToDriveWithA256MiBHeap() throws Exception {
        var archive = Files.createTempDirectory("large-drive-archive");
        try (GoogleSheetsEmulator google = GoogleSheetsEmulator.start(); DocumentServer docs = DocumentServer.start()) {
            google.drive().createSharedFolder(FOLDER, "Large contracts");
            var key = google.writeServiceAccountKey(Files.createTempDirectory("google-key"));
            try (ProductProcess product = ProductProcess.fromClasspath().jvm("-Xmx256m").args(
                    "--esignon.archive.directory=" + archive,
                    "--esignon.archive.allowed-hosts=127.0.0.1",
                    "--esignon.archive.allow-insecure-loopback=true",
                    "--esignon.archive.max-bytes=400MB",
                    "--esignon.archive.store=google-drive",
                    "--esignon.archive.drive.folder-id=" + FOLDER,
                    "--esignon.archive.drive.root-url=" + google.rootUrl(),
                    "--esignon.sheets.credentials-file=" + key,
                    "--esignon.delivery.poll-interval=100ms").start()) {
                String export = ProductTest.sample("05-embed-complete.json")
                        .replace("https://docs.esignon.net/download/pdf?doc=20261104-002310", docs.url("/big?bytes=" + SIZE))
                        .replaceFirst("\"cert_url\": \"[^\"]*\",", "");

                assertThat(product.postExport(export).statusCode()).isEqualTo(200);

                List<DriveFile> files = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> google.drive().filesAt(FOLDER, "2026/11/20261104-002310-contract.pdf"), found -> !found.isEmpty());
                assertThat(files).hasSize(1);
                assertThat(files.get(0).size()).isEqualTo(SIZE);
                assertThat(files.get(0).sha256()).isEqualTo(DocumentServer.bigSha256(SIZE));
                assertThat(google.drive().calls()).filteredOn(call -> call.upload() && call.method().equals("PUT"))
                        .as("sent in parts").hasSizeGreaterThan(1);
                assertThat(product.isAlive()).isTrue();
                assertThat(product.log()).doesNotContain("OutOfMemoryError");
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    try (var left = Files.walk(archive)) {
                        return left.noneMatch(Files::isRegularFile);   // the temporary file is gone once uploaded
                    }
                });
            }
        }
    }
}
