package org.esignonbridge.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays eSignon's document host on 127.0.0.1: serves signed PDFs and certificates, a viewer page,
 * files that are not PDFs, huge files (generated while sent, never held in memory), redirects, a
 * flaky server and one that stops in the middle of a download.
 */
public final class DocumentServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger busyLeft = new AtomicInteger();
    private volatile int busyStatus = 429;
    private volatile String busyRetryAfter = "1";
    private final Map<String, List<Instant>> requestTimes = new ConcurrentHashMap<>();
    private volatile CountDownLatch stalled = new CountDownLatch(0);
    private volatile boolean stallDownloads;

    private DocumentServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "document-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public static DocumentServer start() {
        try {
            return new DocumentServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    /** The bytes served for {@code /pdf?doc=<doc>} (and {@code /cert} with "certificate"). */
    public static byte[] pdf(String kind, String doc) {
        return ("%PDF-1.7\n% " + kind + " of " + doc + "\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public int requests(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }

    /** The next {@code count} requests to {@code /flaky} are answered 500. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    /** The next {@code count} requests to {@code /flaky} are answered 429 with {@code Retry-After: 1}. */
    public void busyNext(int count) {
        busyNext(count, 429, "1");
    }

    /** The next {@code count} requests to {@code /flaky} are answered {@code status} (429, 503) with this Retry-After. */
    public void busyNext(int count, int status, String retryAfter) {
        busyStatus = status;
        busyRetryAfter = retryAfter;
        busyLeft.set(count);
    }

    /** When each request to the path came, oldest first. */
    public List<Instant> requestTimes(String path) {
        return List.copyOf(requestTimes.getOrDefault(path, List.of()));
    }

    /** {@code /big} downloads send half of the file, then wait until {@link #release()} or close. */
    public void stallDownloads(boolean stall) {
        stallDownloads = stall;
        if (stall) {
            stalled = new CountDownLatch(1);
        }
    }

    public void release() {
        stalled.countDown();
    }

    public void reset() {
        requests.clear();
        requestTimes.clear();
        failuresLeft.set(0);
        busyLeft.set(0);
        stallDownloads(false);
        release();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        String doc = query.startsWith("doc=") ? query.substring(4) : "unknown";
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        requestTimes.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(Instant.now());
        try (exchange) {
            switch (path) {
                case "/pdf" -> send(exchange, 200, "application/pdf", pdf("document", doc));
                case "/cert" -> send(exchange, 200, "application/pdf", pdf("certificate", doc));
                case "/viewer" -> send(exchange, 200, "text/html; charset=utf-8",
                        "<!DOCTYPE html><html><body>eSignon viewer</body></html>".getBytes(StandardCharsets.UTF_8));
                case "/zip" -> send(exchange, 200, "application/pdf", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
                case "/missing" -> send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.US_ASCII));
                case "/flaky" -> {
                    if (busyLeft.getAndDecrement() > 0) {
                        exchange.getResponseHeaders().add("Retry-After", busyRetryAfter);
                        send(exchange, busyStatus, "text/plain", "slow down".getBytes(StandardCharsets.US_ASCII));
                    } else if (failuresLeft.getAndDecrement() > 0) {
                        send(exchange, 500, "text/plain", "try again".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        send(exchange, 200, "application/pdf", pdf("document", doc));
                    }
                }
                case "/redirect" -> {
                    exchange.getResponseHeaders().add("Location", java.net.URLDecoder.decode(
                            query.substring(query.indexOf("to=") + 3), StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/big" -> sendBig(exchange, Long.parseLong(query.substring(query.indexOf("bytes=") + 6)));
                default -> send(exchange, 404, "text/plain", new byte[0]);
            }
        }
    }

    private void sendBig(HttpExchange exchange, long size) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/pdf");
        exchange.sendResponseHeaders(200, size);
        OutputStream out = exchange.getResponseBody();
        long[] sent = {0};
        big(size, (data, n) -> {
            out.write(data, 0, n);
            sent[0] += n;
            if (stallDownloads && sent[0] >= size / 2) {
                out.flush();
                try {
                    stalled.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("download abandoned by the test");
            }
        });
    }

    /** The SHA-256 of what {@code /big?bytes=<size>} serves. */
    public static String bigSha256(long size) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            big(size, (data, n) -> digest.update(data, 0, n));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface ChunkSink {
        void accept(byte[] data, int length) throws IOException;
    }

    /** {@code %PDF-} followed by zeros, produced in chunks: the size only limits what is sent. */
    private static void big(long size, ChunkSink sink) throws IOException {
        byte[] zeros = new byte[64 * 1024];
        byte[] first = zeros.clone();
        System.arraycopy("%PDF-".getBytes(StandardCharsets.US_ASCII), 0, first, 0, 5);
        for (long done = 0; done < size; ) {
            int n = (int) Math.min(zeros.length, size - done);
            sink.accept(done == 0 ? first : zeros, n);
            done += n;
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
