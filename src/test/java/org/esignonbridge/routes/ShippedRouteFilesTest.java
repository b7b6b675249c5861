package org.esignonbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The flows shipped in the jar run from the classpath; the operator's folder replaces a shipped
 * file by giving a file the same name, and adds any other file.
 */
@TestPropertySource(properties = "esignon.routes.directory=target/shipped-route-files-test")
class ShippedRouteFilesTest extends ProductTest {

    /** Fixed, because route files are read before test-only dynamic properties exist. */
    static final Path OPERATOR = operatorRoutes();

    @Autowired
    CamelContext camel;

    @Test
    void aFileNamedLikeAShippedOneReplacesItAndOthersAreAdded() {
        assertThat(camel.getRoute("receive-export").getDescription()).isEqualTo("The operator's webhook");
        assertThat(camel.getRoute("say-hello")).isNotNull();
        assertThat(camel.getRoutes()).extracting(Route::getRouteId).contains("receive-export", "say-hello").hasSizeGreaterThan(2);

        assertThat(postExport(sample("03-reject.json")).statusCode()).isEqualTo(200);
        assertThat(count("esignon_export")).isOne();
    }

    private static Path operatorRoutes() {
        try (InputStream shipped = ShippedRouteFilesTest.class.getResourceAsStream("/routes/receive-export.camel.yaml")) {
            Path dir = Path.of("target/shipped-route-files-test");
            FileSystemUtils.deleteRecursively(dir);
            Files.createDirectories(dir);
            String receive = new String(shipped.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceFirst("description: .*", "description: The operator's webhook");
            Files.writeString(dir.resolve("receive-export.camel.yaml"), receive);
            Files.writeString(dir.resolve("say-hello.camel.yaml"), """
                    - route:
                        id: say-hello
                        description: A flow of the operator's own
                        from:
                          uri: direct:say-hello
                          steps:
                            - setBody: {constant: hello}
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
