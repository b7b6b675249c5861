package org.esignonbridge.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What the product reaches instead of the S3 server itself, for the faults a real store has: it
 * forwards every request to {@link S3Server}, except that it can answer the next uploads with an
 * error (503 SlowDown, 500, 403 AccessDenied), be out of reach ({@link #cut()}), and it plays a bucket
 * policy that refuses deletes and overwrites (403), counting each refusal. It records every request.
 */
public final class S3Front implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final S3Server target;
    private final int port;
    private volatile HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile String failureCode;
    private final AtomicInteger policyRefusals = new AtomicInteger();

    public S3Front(S3Server target) {
        this.target = target;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The next {@code times} uploads (PutObject) are answered {@code status} with the S3 error {@code code}. */
    public void failUploads(int times, int status, String code) {
        this.failureStatus = status;
        this.failureCode = code;
        failuresLeft.set(times);
    }

    /** Nothing listens any more: connections are refused, as with a store out of reach. */
    public void cut() {
        server.stop(0);
    }

    public void restore() {
        server = listen(port);
    }

    /** Requests seen, as {@code METHOD /bucket/key?query}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Uploads of an object (PutObject, not its retention or legal hold) whose key ends with the given text. */
    public long uploadsOf(String keyEnd) {
        return requests.stream().filter(r -> r.startsWith("PUT ") && !r.contains("?") && r.endsWith(keyEnd)).count();
    }

    /** Deletes and overwrites the bucket policy refused. */
    public int policyRefusals() {
        return policyRefusals.get();
    }

    public void reset() {
        requests.clear();
        failuresLeft.set(0);
        policyRefusals.set(0);
    }

    private HttpServer listen(int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            http.createContext("/", this::handle);
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            requests.add(method + " " + path);
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean upload = method.equals("PUT") && uri.getRawQuery() == null && path.indexOf('/', 1) > 0;
            if (upload && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                error(exchange, failureStatus, failureCode);
                return;
            }
            if (method.equals("DELETE") || (upload && exists(uri.getRawPath()))) {
                policyRefusals.incrementAndGet();
                error(exchange, 403, "AccessDenied");
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target.endpoint() + path))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> forward.header(name, value));
                }
            });
            HttpResponse<byte[]> response = HTTP.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            boolean noBody = method.equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304;
            if (noBody) {
                response.headers().firstValue("Content-Length").ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
            }
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : response.body().length == 0 ? -1 : response.body().length);
            if (!noBody && response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean exists(String rawPath) {
        String[] parts = rawPath.substring(1).split("/", 2);
        try {
            target.client().headObject(r -> r.bucket(parts[0]).key(java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8)));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            return false;
        }
    }

    private static void error(HttpExchange exchange, int status, String code) throws IOException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                + (status == 403 ? "Access Denied" : code.equals("SlowDown") ? "Please reduce your request rate." : "We encountered an internal error.")
                + "</Message><RequestId>front</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, xml.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(xml);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
