package org.esignonbridge.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.S3Server;
import org.esignonbridge.support.google.GoogleSheetsEmulator;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The product's peers for bench/run, started in their own process: the Google emulator (quota on) for
 * the sheet part, the document host for the archive parts (and S3Mock for archive-s3). Writes the settings the product needs to
 * {@code <dir>/peers.env} (bench/run archives into {@code <dir>/archive}), waits for the product's port in {@code <dir>/product-port}, drives the
 * load, and writes one {@code RESULT key=value ...} line to {@code <dir>/result}.
 *
 * <pre>
 * BenchPeers sheet   &lt;dir&gt; &lt;exports per second&gt; &lt;seconds&gt;
 * BenchPeers archive &lt;dir&gt; &lt;contracts&gt; &lt;PDF bytes&gt;
 * BenchPeers archive-s3 &lt;dir&gt; &lt;contracts&gt; &lt;PDF bytes&gt;
 * </pre>
 */
public final class BenchPeers {

    private static final String SPREADSHEET = "bench-sheet";
    private static final String TAB = "Sheet1";
    private static final String BUCKET = "bench-contracts";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private BenchPeers() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        String result = switch (args[0]) {
            case "sheet" -> sheet(dir, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "archive" -> archive(dir, Integer.parseInt(args[2]), Long.parseLong(args[3]), false);
            case "archive-s3" -> archive(dir, Integer.parseInt(args[2]), Long.parseLong(args[3]), true);
            default -> throw new IllegalArgumentException("sheet, archive or archive-s3, not " + args[0]);
        };
        Files.writeString(dir.resolve("result"), "RESULT " + result + "\n");
        System.exit(0);
    }

    /** A steady rate of distinct exports; the lag of each from its 200 to its row in the sheet. */
    private static String sheet(Path dir, int rate, int seconds) throws Exception {
        GoogleSheetsEmulator google = GoogleSheetsEmulator.start();
        google.createSpreadsheet(SPREADSHEET, TAB);
        Path key = google.writeServiceAccountKey(dir);
        Files.writeString(dir.resolve("peers.env"), String.join("\n",
                "--esignon.sheets.enabled=true", "--esignon.sheets.spreadsheet-id=" + SPREADSHEET,
                "--esignon.sheets.sheet=" + TAB, "--esignon.sheets.root-url=" + google.rootUrl(),
                "--esignon.sheets.credentials-file=" + key) + "\n");
        String url = productUrl(dir);
        String run = Long.toString(System.currentTimeMillis(), 36);
        Map<String, Long> answered = new ConcurrentHashMap<>();
        Map<String, Long> inSheet = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        int total = rate * seconds;
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        AtomicInteger sent = new AtomicInteger();
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        clock.scheduleAtFixedRate(() -> {
            int n = sent.incrementAndGet();
            if (n > total) {
                return;
            }
            String wfuid = "bench-" + run + "-" + n;
            HTTP.sendAsync(export(url, ProductTest.sample("01-approve-playing.json")
                            .replace("\"actionid\": \"", "\"actionid\": \"" + wfuid)
                            .replaceAll("\"wfuid\": \"[^\"]*\"", "\"wfuid\": \"" + wfuid + "\"")),
                    HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        if (failure == null && response.statusCode() == 200) {
                            answered.put(wfuid, System.nanoTime());
                        } else {
                            errors.incrementAndGet();
                        }
                    });
        }, 0, period, TimeUnit.NANOSECONDS);
        // the rows: looked at every 100 ms until every answered export has its row (or 3 minutes of quiet)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 180);
        int seen = 0;
        while (System.nanoTime() < deadline && (sent.get() < total || inSheet.size() < answered.size())) {
            List<List<String>> rows = google.rows(SPREADSHEET, TAB);
            int wfuidColumn = rows.isEmpty() ? -1 : rows.get(0).indexOf("wfuid");
            long now = System.nanoTime();
            for (; seen < rows.size(); seen++) {
                if (wfuidColumn >= 0 && rows.get(seen).size() > wfuidColumn) {
                    inSheet.putIfAbsent(rows.get(seen).get(wfuidColumn), now);
                }
            }
            Thread.sleep(100);
        }
        clock.shutdownNow();
        List<Double> lags = new ArrayList<>();
        answered.forEach((wfuid, at) -> {
            Long row = inSheet.get(wfuid);
            if (row != null) {
                lags.add((row - at) / 1e9);
            }
        });
        lags.sort(null);
        int quota429 = google.writeCalls() - google.appliedWrites();
        return String.format("exports=%d answered=%d errors=%d rows=%d append_calls=%d per_1000=%.1f lag_p50_s=%.1f lag_p99_s=%.1f http_429=%d",
                total, answered.size(), errors.get(), inSheet.size(), google.appendCalls(),
                1000.0 * google.appendCalls() / Math.max(1, answered.size()),
                percentile(lags, 50), percentile(lags, 99), quota429);
    }

    /**
     * Completed contracts whose PDF is {@code size} bytes, archived to the folder or (store s3) to a
     * bucket of S3Mock in its own process; every archived file's hash is checked (the bucket's: the
     * object's SHA-256 checksum, which the store verified on upload).
     */
    private static String archive(Path dir, int contracts, long size, boolean s3) throws Exception {
        DocumentServer docs = DocumentServer.start();
        Path archive = dir.resolve("archive");
        List<String> settings = new ArrayList<>(List.of("--esignon.archive.allowed-hosts=127.0.0.1",
                "--esignon.archive.allow-insecure-loopback=true"));
        S3Server bucket = s3 ? S3Server.start() : null;
        if (s3) {
            bucket.bucket(BUCKET, true);
            settings.addAll(List.of("--esignon.archive.store=s3", "--esignon.archive.s3.bucket=" + BUCKET,
                    "--esignon.archive.s3.endpoint=" + bucket.endpoint(), "--esignon.archive.s3.path-style-access=true",
                    "--esignon.archive.s3.access-key=" + S3Server.ACCESS_KEY, "--esignon.archive.s3.secret-key=" + S3Server.SECRET_KEY,
                    "--esignon.archive.s3.retention-mode=GOVERNANCE", "--esignon.archive.s3.retain-for=P10Y"));
        }
        Files.writeString(dir.resolve("peers.env"), String.join("\n", settings) + "\n");
        String url = productUrl(dir);
        String expected = DocumentServer.bigSha256(size);
        long started = System.nanoTime();
        int errors = 0;
        for (int i = 0; i < contracts; i++) {
            String wfuid = "bench-archive-" + i;
            String body = ProductTest.sample("05-embed-complete.json").replace("20261104-002310", wfuid)
                    .replaceAll("\"download_url\": \"[^\"]*\"", "\"download_url\": \"" + docs.url("/big?doc=" + wfuid + "&bytes=" + size) + "\"")
                    .replaceAll("\"cert_url\": \"[^\"]*\"", "\"cert_url\": \"" + docs.url("/cert?doc=" + wfuid) + "\"");
            if (HTTP.send(export(url, body), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                errors++;
            }
        }
        try {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> (s3 ? bucket.keys(BUCKET).size() : files(archive, "contract.pdf").size() + files(archive, "certificate.pdf").size())
                            >= 2 * contracts);
        } catch (ConditionTimeoutException incomplete) {
            // what is missing is counted below
        }
        double took = (System.nanoTime() - started) / 1e9;
        int checked = 0;
        int wrong = 0;
        for (int i = 0; i < contracts; i++) {
            String doc = "bench-archive-" + i;
            Map<String, String> hashes = Map.of("contract.pdf", expected,
                    "certificate.pdf", DocumentServer.sha256(DocumentServer.pdf("certificate", doc)));
            for (Map.Entry<String, String> file : hashes.entrySet()) {
                String found = s3 ? checksum(bucket, "2026/11/" + doc + "/" + file.getKey())
                        : sha256(archive.resolve("2026/11/" + doc + "/" + file.getKey()));
                if (found != null) {
                    checked++;
                    wrong += found.equals(file.getValue()) ? 0 : 1;
                }
            }
        }
        return String.format("contracts=%d errors=%d seconds=%.1f files_checked=%d hash_mismatches=%d missing=%d",
                contracts, errors, took, checked, wrong, 2 * contracts - checked);
    }

    /** The object's SHA-256 checksum (hex), or null when there is no object. */
    private static String checksum(S3Server s3, String key) {
        try {
            String checksum = s3.client().headObject(r -> r.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED)).checksumSHA256();
            return checksum == null ? "" : HexFormat.of().formatHex(Base64.getDecoder().decode(checksum));
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    private static String productUrl(Path dir) throws IOException {
        Path port = dir.resolve("product-port");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(port) && !Files.readString(port).isBlank());
        return "http://127.0.0.1:" + Files.readString(port).trim() + "/esignon/export";
    }

    private static HttpRequest export(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("authorization", System.getenv("ESIGNON_EXPORT_AUTHORIZATION"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static List<Path> files(Path root, String name) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().equals(name)).toList();
        }
    }

    /** The file's SHA-256 (hex), or null when there is no file. */
    private static String sha256(Path file) throws Exception {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
