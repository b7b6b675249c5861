package org.esignonbridge.archive;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.util.unit.DataSize;

/**
 * Archives one URL with the product's {@link PdfArchiver}, in a JVM of its own so that a test can
 * give it a small heap. Prints {@code <size> <sha256>}.
 */
public final class LargePdfDownload {

    private LargePdfDownload() {
    }

    public static void main(String[] args) throws Exception {
        ArchiveProperties properties = new ArchiveProperties(true, ArchiveProperties.Store.FILESYSTEM, Path.of(args[1]),
                DataSize.ofMegabytes(300), List.of("127.0.0.1"), true, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(5), null, false);
        PdfArchiver archiver = new PdfArchiver(new DownloadUrlPolicy(properties), new ArchiveLayout(properties), properties, new SimpleMeterRegistry());
        FetchedPdf fetched = archiver.fetch(new ArchiveFile(1, "large-contract", ArchiveFile.DOCUMENT, args[0],
                LocalDateTime.of(2026, 11, 4, 13, 47)));
        ArchivedPdf pdf = archiver.place(fetched);
        archiver.discard(fetched);
        System.out.println(pdf.size() + " " + pdf.sha256());
        archiver.stop();
    }
}
