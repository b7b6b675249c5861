package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.esignonbridge.support.DocumentServer;
import org.junit.jupiter.api.Test;

/** A PDF close to the heap's size is streamed to disk, never held in memory. */
class LargePdfMemoryTest {

    private static final long SIZE = 200L * 1024 * 1024;

    @Test
    void a200MiBPdfIsArchivedWithA256MiBHeap() throws Exception {
        Path archive = Files.createTempDirectory("large-archive");
        try (DocumentServer docs = DocumentServer.start()) {
            Process child = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    LargePdfDownload.class.getName(), docs.url("/big?bytes=" + SIZE), archive.toString())
                    .redirectErrorStream(true)
                    .start();
            boolean finished = child.waitFor(3, TimeUnit.MINUTES);
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(finished).as(output).isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output.lines().filter(line -> line.matches("\\d+ [0-9a-f]{64}")).findFirst())
                    .hasValue(SIZE + " " + DocumentServer.bigSha256(SIZE));
            assertThat(Files.size(archive.resolve("2026/11/large-contract/contract.pdf"))).isEqualTo(SIZE);
        } finally {
            deleteRecursively(archive);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path path : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
