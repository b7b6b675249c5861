package org.esignonbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The product as a process of its own, the one way the tests start it so: for what a test context
 * cannot show (a heap limit, kill -9, SIGTERM under load, two instances on one database) and for the
 * packaged jar as an operator runs it.
 *
 * <pre>
 * try (ProductProcess product = ProductProcess.fromClasspath().jvm("-Xmx256m").args("--esignon.archive.enabled=false").start()) {
 *     product.postExport(body);
 * }
 * try (ProductProcess jar = ProductProcess.packagedJar(folder).env("DATABASE_URL", url).secret("it-secret-1").start()) { ... }
 * </pre>
 *
 * The webhook and the management server listen on ports chosen here; the output goes to a log file
 * ({@link #log()}). A start closes the product a test context may have cached ({@link CachedProduct}).
 */
public final class ProductProcess implements AutoCloseable {

    /** Set by failsafe (pom.xml) to the jar {@code mvn package} built. */
    public static final String JAR = "packaged.jar";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** A JVM that lives for one test starts fastest with the first JIT tier alone and the serial collector. */
    private static final List<String> SHORT_LIFE = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path log;
    private final boolean temporaryLog;
    private final int port;
    private final int managementPort;
    private final String secret;

    private ProductProcess(Process process, Path log, boolean temporaryLog, int port, int managementPort, String secret) {
        this.process = process;
        this.log = log;
        this.temporaryLog = temporaryLog;
        this.port = port;
        this.managementPort = managementPort;
        this.secret = secret;
    }

    /**
     * The product's main class from the test class path, in the project folder, with the test
     * settings (test.properties) and the run's test database ({@code test.database.*}, H2 in memory
     * when none is set).
     */
    public static Builder fromClasspath() {
        return new Builder(null);
    }

    /**
     * {@code java -jar <the packaged jar>} in {@code workingDirectory}, with only what the test gives:
     * no test settings, no test database. The log is {@code product.log} in that folder.
     */
    public static Builder packagedJar(Path workingDirectory) {
        return new Builder(workingDirectory);
    }

    public static final class Builder {

        private final Path workingDirectory;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String databaseUrl = System.getProperty(TestDatabaseServer.URL);
        private String databaseUsername = System.getProperty(TestDatabaseServer.USERNAME);
        private String secret = ProductTest.SECRET;

        private Builder(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
        }

        /** JVM options, e.g. a heap limit. */
        public Builder jvm(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** Settings as {@code --name=value} arguments. */
        public Builder args(String... settings) {
            args.addAll(List.of(settings));
            return this;
        }

        public Builder args(List<String> settings) {
            args.addAll(settings);
            return this;
        }

        /** An environment variable, added to this JVM's environment. */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** The test database of a product from the class path (another than the run's). */
        public Builder database(String url, String username) {
            databaseUrl = url;
            databaseUsername = username;
            return this;
        }

        /** The export secret: given to the product ({@code ESIGNON_EXPORT_AUTHORIZATION}) and sent by {@link #postExport}. */
        public Builder secret(String secret) {
            this.secret = secret;
            return env("ESIGNON_EXPORT_AUTHORIZATION", secret);
        }

        /** Starts and waits until the product has started (its log says so). */
        public ProductProcess start() {
            ProductProcess product = launch();
            try {
                product.awaitStarted();
            } catch (RuntimeException | Error e) {
                product.kill();
                throw e;
            }
            return product;
        }

        /** Starts, without waiting for anything. */
        public ProductProcess launch() {
            CachedProduct.close();
            int port = freePort();
            int managementPort = freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(SHORT_LIFE);
            command.addAll(jvmOptions);
            if (workingDirectory == null) {
                if (databaseUrl != null) {
                    command.add("-D" + TestDatabaseServer.URL + "=" + databaseUrl);
                    command.add("-D" + TestDatabaseServer.USERNAME + "=" + databaseUsername);
                }
                if (System.getProperty("test.fork") != null) {   // the folders of the suite that starts it
                    command.add("-Dtest.fork=" + System.getProperty("test.fork"));
                }
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.esignonbridge.EsignonBridgeApplication",
                        "--spring.config.additional-location=classpath:test.properties"));
            } else {
                command.addAll(List.of("-jar", jar().toString()));
            }
            command.addAll(List.of("--server.port=" + port, "--management.server.port=" + managementPort));
            command.addAll(args);
            try {
                Path log = workingDirectory == null ? Files.createTempFile("product", ".log") : workingDirectory.resolve("product.log");
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
                if (workingDirectory != null) {
                    builder.directory(workingDirectory.toFile());
                }
                builder.environment().putAll(environment);
                return new ProductProcess(builder.start(), log, workingDirectory == null, port, managementPort, secret);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void awaitStarted() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!log().contains("Started EsignonBridgeApplication")) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The product stopped with exit code " + process.exitValue() + " before it started:\n" + log());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The product did not start within " + START_TIMEOUT + ":\n" + log());
            }
            awaitExit(Duration.ofMillis(200));
        }
    }

    private static Path jar() {
        String jar = System.getProperty(JAR);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("No packaged jar at " + JAR + "=" + jar + ": run the integration tests with `mvn verify`");
        }
        return Path.of(jar);
    }

    private static int freePort() {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webhook's address for a path, e.g. {@code /esignon/export}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Health, metrics and admin: never on the webhook's port. */
    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    /** POST to the export path with exactly these headers (name, value, name, value, ...). */
    public HttpResponse<String> post(byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/esignon/export")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** POST an export as eSignon does, with the secret. */
    public HttpResponse<String> postExport(String body) {
        return post(body.getBytes(StandardCharsets.UTF_8), "authorization", secret, "Content-Type", "application/json");
    }

    /** GET on the management port. */
    public HttpResponse<String> getManagement(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(managementUri(path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Health answers 200: started, and the webhook's route runs. */
    public boolean isHealthy() {
        try {
            return HTTP.send(HttpRequest.newBuilder(managementUri("/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the product has written to standard output and error so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as {@code kill} or a container stop sends it: Spring's graceful shutdown. Does not wait. */
    public void terminate() {
        process.destroy();
    }

    /** Whether the process ended within the time. */
    public boolean awaitExit(Duration time) {
        try {
            return process.waitFor(time.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kill -9: no shutdown hook, no flush, nothing finished, as a crash or an OOM killer stops it. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** kill -9 (a test that wants a graceful stop says so: {@link #terminate()}); a temporary log is deleted (kept with KEEP_PRODUCT_LOGS=1). */
    @Override
    public void close() {
        kill();
        if (temporaryLog && System.getenv("KEEP_PRODUCT_LOGS") == null) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a temporary file
            }
        }
    }
}
