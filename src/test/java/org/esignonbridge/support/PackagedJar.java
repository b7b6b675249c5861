package org.esignonbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar ({@code mvn package}) started as an operator starts it: {@code java -jar} as a
 * separate process, in a working directory of the test's choosing, with its own environment and
 * arguments. For integration tests ({@code *IT}, run by failsafe after {@code package}).
 *
 * <pre>
 * try (PackagedJar product = PackagedJar.start(folder, Map.of("DATABASE_URL", url), "--esignon.sheets.enabled=false")) {
 *     HttpResponse&lt;String&gt; answer = http.send(HttpRequest.newBuilder(product.uri("/esignon/export"))...);
 * }
 * </pre>
 */
public final class PackagedJar implements AutoCloseable {

    /** Set by failsafe (pom.xml) to the jar {@code mvn package} built. */
    public static final String JAR = "packaged.jar";

    private static final Pattern STARTED_ON_PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    private PackagedJar(Process process, Path log, int[] ports) {
        this.process = process;
        this.log = log;
        this.port = ports[0];
        this.managementPort = ports[1];
    }

    /**
     * Starts {@code java -jar <the packaged jar> --server.port=0 --management.server.port=0 <args>} in {@code workingDirectory}
     * with {@code environment} added to this JVM's, and waits until the product has started
     * (its log says so). Standard output and error go to {@code product.log} in the working directory.
     *
     * @throws IllegalStateException when the process ends or has not started in time, with its log
     */
    public static PackagedJar start(Path workingDirectory, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString(), "--server.port=0",
                "--management.server.port=0"));
        command.addAll(List.of(args));
        Path log = workingDirectory.resolve("product.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PackagedJar(process, log, awaitStart(process, log));
    }

    /** The webhook's port and the management port, in the order their servers start. */
    private static int[] awaitStart(Process process, Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String text = read(log);
            if (text.contains("Started EsignonBridgeApplication")) {
                Matcher started = STARTED_ON_PORT.matcher(text);
                int[] ports = new int[2];
                for (int i = 0; i < 2 && started.find(); i++) {
                    ports[i] = Integer.parseInt(started.group(1));
                }
                return ports;
            }
            try {
                if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("The jar stopped with exit code " + process.exitValue() + " before it started:\n" + read(log));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("The jar did not start within " + START_TIMEOUT + ":\n" + read(log));
    }

    private static Path jar() {
        String jar = System.getProperty(JAR);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("No packaged jar at " + JAR + "=" + jar + ": run the integration tests with `mvn verify`");
        }
        return Path.of(jar);
    }

    /** The product's address for a path, e.g. {@code /esignon/export}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Health, metrics and admin: never on the webhook's port. */
    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    /** What the product has logged so far. */
    public String log() {
        return read(log);
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kill -9: no shutdown hook, nothing finished, as a crash or an OOM killer stops it. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the product as {@code kill} does (Spring's graceful shutdown), forcibly after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
