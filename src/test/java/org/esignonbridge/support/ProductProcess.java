package org.esignonbridge.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The product as an operator runs it: its own JVM (with the given JVM options, e.g. a heap limit),
 * started with the test settings plus {@code --name=value} arguments, and stopped with kill -9
 * when a test asks, as a crash or an OOM killer does.
 */
public final class ProductProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    private ProductProcess(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts and waits until the product answers its health check. */
    public static ProductProcess start(List<String> jvmOptions, String... settings) throws IOException {
        ProductProcess product = launch(jvmOptions, settings);
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!product.isAlive()) {
                    throw new IllegalStateException("the product stopped at start:\n" + product.output());
                }
                return product.isHealthy();
            });
        } catch (RuntimeException e) {
            product.kill();
            throw e;
        }
        return product;
    }

    /** Starts, without waiting for anything. */
    public static ProductProcess launch(List<String> jvmOptions, String... settings) throws IOException {
        int port = freePort();
        int managementPort = freePort();   // health answers there, not on the webhook's port
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.esignonbridge.EsignonBridgeApplication",
                "--spring.config.additional-location=classpath:test.properties", "--server.port=" + port, "--management.server.port=" + managementPort));
        command.addAll(List.of(settings));
        Path log = Files.createTempFile("product", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ProductProcess(process, log, port, managementPort);
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    public HttpResponse<String> post(byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/esignon/export"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postExport(String body) {
        return post(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "authorization", ProductTest.SECRET,
                "Content-Type", "application/json");
    }

    /** Health answers 200: started, and the webhook's route runs. */
    public boolean isHealthy() {
        return health() == 200;
    }

    private int health() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** What the product wrote to standard output and error so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** kill -9: no shutdown hook, no flush, nothing finished. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file
        }
    }
}
