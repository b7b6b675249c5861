package org.esignonbridge.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.esignonbridge.delivery.DeliveryFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches a completed contract's file and puts it in the archive. The body is streamed to a
 * temporary file beside the target (never held in memory), hashed on the way, and given its final name
 * only when complete and only if it is a PDF: a half-downloaded file never has the final name, and an
 * archived file is never replaced.
 * Redirects are followed by hand so that every hop passes {@link DownloadUrlPolicy}.
 */
@Component("pdfArchiver")
public class PdfArchiver {

    private static final Logger LOG = LoggerFactory.getLogger(PdfArchiver.class);
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_REDIRECTS = 5;
    static final String PART_SUFFIX = ".part";
    private static final String INCOMING = ".incoming";

    private final DownloadUrlPolicy policy;
    private final ArchiveLayout layout;
    private final ArchiveProperties properties;
    private final HttpClient http;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "archive-download-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final Counter declined;

    public PdfArchiver(DownloadUrlPolicy policy, ArchiveLayout layout, ArchiveProperties properties, MeterRegistry metrics) {
        this.declined = Counter.builder("esignon.archive.declined")
                .description("Files declined: host or address not allowed, too large, not a PDF").register(metrics);
        this.policy = policy;
        this.layout = layout;
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.connectTimeout())
                .build();
        removeLeftoverParts();
    }

    /**
     * Downloads the file to a temporary file, hashing it on the way, and checks that it is a PDF. The
     * filesystem store's temporary file lies beside the target (so that {@link #place} is a link);
     * the s3 store's in {@code <directory>/.incoming}. The caller discards it when done.
     */
    public FetchedPdf fetch(ArchiveFile file) throws IOException, DownloadDeclinedException, ViewerLinkException {
        try {
            return download(file);
        } catch (DownloadDeclinedException e) {
            declined.increment();
            throw e;
        }
    }

    private FetchedPdf download(ArchiveFile file) throws IOException, DownloadDeclinedException, ViewerLinkException {
        Path near = properties.store() == ArchiveProperties.Store.FILESYSTEM ? layout.pathOf(file)
                : layout.root().resolve(INCOMING).resolve(file.fileName());
        HttpResponse<InputStream> response = open(file.sourceUrl());
        Path part = near.resolveSibling("." + near.getFileName() + "." + UUID.randomUUID() + PART_SUFFIX);
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(response.body()),
                properties.downloadTimeout().toMillis(), TimeUnit.MILLISECONDS);
        boolean fetched = false;
        try (InputStream body = response.body()) {
            byte[] head = body.readNBytes(PDF_MAGIC.length);
            if (!Arrays.equals(head, PDF_MAGIC)) {
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (type.toLowerCase(Locale.ROOT).contains("html") || startsLikeHtml(head)) {
                    throw new ViewerLinkException();
                }
                throw new DownloadDeclinedException("not a PDF: the file does not start with %PDF-");
            }
            FetchedPdf pdf = copy(file, head, body, part, response.headers().firstValue("Content-Type").orElse(null));
            fetched = true;
            return pdf;
        } finally {
            deadline.cancel(false);
            if (!fetched) {
                Files.deleteIfExists(part);
            }
        }
    }

    /** The filesystem store: gives the fetched file its final name, never replacing an archived file. */
    public ArchivedPdf place(FetchedPdf pdf) throws IOException, ArchiveConflictException {
        Path target = layout.pathOf(pdf.file());
        if (!placeWithoutReplacing(pdf.part(), target) && !pdf.sha256().equals(sha256Of(target))) {
            throw new ArchiveConflictException("a different file is already archived at "
                    + layout.root().relativize(target) + ": it is never replaced");
        }   // the same bytes already there: an earlier attempt stopped after placing them
        return pdf.archivedAt(target.toString());
    }

    /** Removes the temporary file of a fetch, whatever became of it. */
    public void discard(FetchedPdf pdf) throws IOException {
        if (pdf != null) {
            Files.deleteIfExists(pdf.part());
        }
    }

    /** Gives the complete file its final name unless that name exists: link(2) fails then, with no check-then-rename race. */
    private static boolean placeWithoutReplacing(Path part, Path target) throws IOException {
        try {
            Files.createLink(target, part);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private FetchedPdf copy(ArchiveFile file, byte[] head, InputStream body, Path part, String contentType)
            throws IOException, DownloadDeclinedException {
        long max = properties.maxBytes().toBytes();
        MessageDigest sha256 = sha256();
        long size = 0;
        Files.createDirectories(part.getParent());
        try (OutputStream out = Files.newOutputStream(part)) {
            byte[] buffer = new byte[64 * 1024];
            System.arraycopy(head, 0, buffer, 0, head.length);
            int n = head.length;
            do {
                size += n;
                if (size > max) {
                    throw new DownloadDeclinedException("larger than esignon.archive.max-bytes (" + max + " bytes)");
                }
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
            } while ((n = body.read(buffer)) != -1);
        }
        return new FetchedPdf(file, part, size, HexFormat.of().formatHex(sha256.digest()), contentType);
    }

    /** Sends the request, following redirects only to URLs the policy allows. */
    private HttpResponse<InputStream> open(String url) throws IOException, DownloadDeclinedException {
        URI uri = policy.check(url);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.responseTimeout()).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                closeQuietly(response.body());
                uri = policy.check(uri.resolve(response.headers().firstValue("Location").get()).toString());
                continue;
            }
            if (status == 200) {
                return response;
            }
            closeQuietly(response.body());
            // 404 too: eSignon may not have the PDF ready yet
            if (status >= 500 || status == 429 || status == 408 || status == 404) {
                throw new DownloadFailedException("the document server answered " + status, status == 429 || status == 503,
                        DeliveryFailures.retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
            }
            throw new DownloadDeclinedException("the document server answered " + status);
        }
        throw new DownloadDeclinedException("more than " + MAX_REDIRECTS + " redirects");
    }

    /** A download cut short by a stop leaves a temporary file; the next start removes it. */
    private void removeLeftoverParts() {
        Path root = layout.root();
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.getFileName().toString().endsWith(PART_SUFFIX)).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("Could not remove the partial download {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not look for partial downloads under {}: {}", root, e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
    }

    private static boolean startsLikeHtml(byte[] head) {
        String start = new String(head, StandardCharsets.US_ASCII).trim();
        return start.startsWith("<");
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is best effort: the download is abandoned either way
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
