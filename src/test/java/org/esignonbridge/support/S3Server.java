package org.esignonbridge.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible server in a process of its own: Adobe S3Mock, from the jar the build copies to
 * target/s3mock (pom.xml), on a free loopback port, with its files in a temporary folder. One per
 * test JVM, stopped when the JVM ends. {@link #client()} is how a test looks into the bucket, the way
 * an operator would with the AWS CLI.
 */
public final class S3Server {

    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key-9d41c2";
    private static S3Server running;

    private final Process process;
    private final int port;
    private final S3Client client;

    private S3Server(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))).build();
    }

    public static synchronized S3Server start() {
        if (running == null) {
            try {
                int port = freePort();
                Path root = Files.createTempDirectory("s3mock");
                Path log = Files.createTempFile("s3mock", ".log");
                Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m", "-jar", Path.of("target/s3mock/s3mock.jar").toAbsolutePath().toString(),
                        "--server.port=0", "--server.address=127.0.0.1", "--com.adobe.testing.s3mock.httpPort=" + port,
                        "--com.adobe.testing.s3mock.store.root=" + root, "--logging.level.root=WARN"))
                        .directory(root.toFile())   // not this project's folder: S3Mock would read its application.yaml
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
                S3Server server = new S3Server(process, port);
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("S3Mock stopped at start:\n" + Files.readString(log));
                    }
                    try {
                        server.client.listBuckets();
                        return true;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                });
                running = server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return running;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public S3Client client() {
        return client;
    }

    /** Creates the bucket if it is not there, with or without Object Lock. */
    public void bucket(String name, boolean objectLock) {
        if (client.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(name))) {
            client.createBucket(b -> b.bucket(name).objectLockEnabledForBucket(objectLock));
        }
    }

    /** Every object's key in the bucket, sorted. */
    public List<String> keys(String bucket) {
        return client.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
    }

    /** Removes every object (S3Mock does not enforce retention on deletes). */
    public void empty(String bucket) {
        List<ObjectIdentifier> objects = keys(bucket).stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList();
        if (!objects.isEmpty()) {
            client.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(objects)));
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}
