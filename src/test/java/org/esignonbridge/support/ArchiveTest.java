package org.esignonbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The product archiving completed contracts from a local server that plays eSignon's document host
 * (plain http on loopback, which only the test setting allow-insecure-loopback permits).
 */
public abstract class ArchiveTest extends ProductTest {

    public static final DocumentServer DOCS = DocumentServer.start();
    public static final Path ARCHIVE = temporaryDirectory();

    @DynamicPropertySource
    static void archive(DynamicPropertyRegistry registry) {
        registry.add("esignon.archive.directory", ARCHIVE::toString);
        registry.add("esignon.archive.allowed-hosts", () -> "127.0.0.1,*.esignon.net,10.1.2.3,169.254.169.254,[::127.0.0.1],[64:ff9b::a9fe:a9fe],[2002:7f00:1::1]");
        registry.add("esignon.archive.allow-insecure-loopback", () -> "true");
        registry.add("esignon.archive.max-bytes", () -> "1MB");
        registry.add("esignon.delivery.poll-interval", () -> "100ms");
        registry.add("esignon.delivery.initial-delay", () -> "200ms");
        registry.add("esignon.delivery.max-attempts", () -> "3");
    }

    @BeforeEach
    void emptyArchive() throws IOException {
        DOCS.reset();
        try (Stream<Path> files = Files.walk(ARCHIVE)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).filter(p -> !p.equals(ARCHIVE)).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A Complete export of document {@code wfuid} whose links point at the given URLs (null: left out). */
    public static String completeExport(String wfuid, String downloadUrl, String certUrl) {
        String body = sample("05-embed-complete.json").replace("20261104-002310", wfuid.replace("\\", "\\\\").replace("\"", "\\\""));
        body = replaceField(body, "download_url", downloadUrl);
        return replaceField(body, "cert_url", certUrl);
    }

    private static String replaceField(String body, String field, String url) {
        String pattern = "\"" + field + "\": \"[^\"]*\",";
        return body.replaceFirst(pattern, url == null ? "" : "\"" + field + "\": \"" + url + "\",");
    }

    /** Every file and folder under the archive, relative to it. */
    protected static List<String> archiveContents() throws IOException {
        try (Stream<Path> files = Files.walk(ARCHIVE)) {
            return files.filter(p -> !p.equals(ARCHIVE)).map(p -> ARCHIVE.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("archive");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
