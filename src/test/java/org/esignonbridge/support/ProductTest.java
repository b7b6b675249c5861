package org.esignonbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.esignonbridge.delivery.DeliveryOperations;
import org.esignonbridge.delivery.Subscribers;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The started product, reached over real HTTP, with its real database. Test classes with the same
 * configuration share one started product (Spring's context cache); only one is running at a time,
 * since a cached product's subscribers would otherwise keep polling the shared database
 * ({@link CachedProduct}, {@link ProductTestOrder}, docs/testing.md).
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:test.properties")
@Import(TestDatabase.class)
public abstract class ProductTest {

    public static final String SECRET = "test-secret-7f3a";
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    /** Health, metrics and admin listen here, never on the webhook's port. */
    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected JdbcTemplate jdbc;

    /** What operators see and replay. */
    @Autowired
    protected DeliveryOperations deliveries;

    @Autowired
    protected Subscribers subscribers;

    @Autowired
    protected CamelContext camel;

    /** test.properties' esignon.spool.directory */
    protected static final Path SPOOL = folder("test-spool");

    /**
     * A folder of this JVM's own under target/: the suites run side by side (pom.xml), so a folder
     * a test writes is {@code target/<name>${test.fork:}} in its settings too.
     */
    protected static Path folder(String name) {
        return Path.of("target", name + System.getProperty("test.fork", ""));
    }

    @BeforeEach
    void startFromEmptyTables() throws IOException {
        TestDatabase.empty(jdbc, subscribers);
        if (Files.isDirectory(SPOOL)) {
            try (var files = Files.walk(SPOOL)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** The route of the subscriber's Kamelet: stopping it stops the subscriber's deliveries. */
    protected String subscriberRoute(String subscriber) {
        return camel.getRoutes().stream()
                .filter(route -> route.getEndpoint().getEndpointUri().startsWith("scheduler://esignon-events-" + subscriber))
                .findFirst().orElseThrow().getRouteId();
    }

    protected long deliveries(String subscriber, String state) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE subscriber = ? AND state = ?", Long.class, subscriber, state);
    }

    /** A sample body from {@code src/test/resources/exports}, as eSignon sends it. */
    public static String sample(String name) {
        try (var in = ProductTest.class.getResourceAsStream("/exports/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static final List<String> SAMPLES = List.of(
            "01-approve-playing.json", "02-approve-complete.json", "03-reject.json",
            "04-embed-playing.json", "05-embed-complete.json");

    protected HttpResponse<String> postExport(String body) {
        return postExport(body.getBytes(StandardCharsets.UTF_8), "authorization", SECRET,
                "Content-Type", "application/json; charset=utf-8");
    }

    /** POST to the export path with exactly these headers (name, value, name, value, ...). */
    protected HttpResponse<String> postExport(byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/esignon/export"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    protected URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    /** The one kept rejected body, byte for byte as it came. */
    protected byte[] rejectedBody() {
        return jdbc.queryForObject("SELECT raw_body FROM esignon_rejected_export", byte[].class);
    }

    /** The one kept rejected body, decoded as UTF-8. */
    protected String rejectedText() {
        return new String(rejectedBody(), StandardCharsets.UTF_8);
    }

    /** A TIMESTAMP column's value as the driver gives it (H2: LocalDateTime; PostgreSQL, MariaDB: Timestamp). */
    protected static LocalDateTime timestamp(Object value) {
        return value instanceof Timestamp ts ? ts.toLocalDateTime() : (LocalDateTime) value;
    }

    protected Map<String, Object> exportRow(long id) {
        return jdbc.queryForMap("SELECT * FROM esignon_export WHERE id = ?", id);
    }
}
