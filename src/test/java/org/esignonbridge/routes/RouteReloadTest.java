package org.esignonbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Development mode: with camel.main.routes-reload-enabled, an edited route file is live without a
 * restart; a broken edit leaves the webhook working.
 */
@TestPropertySource(properties = {
    "camel.main.routes-include-pattern=file:routes/*.yaml,file:target/route-reload-test/*.yaml",
    "camel.main.routes-reload-enabled=true",
    "camel.main.routes-reload-directory=target/route-reload-test"})
class RouteReloadTest extends ProductTest {

    static final Path STAFF = staffRoutes();

    @Test
    void anEditedRouteFileIsLiveWithoutARestartAndABrokenEditDoesNotStopTheWebhook() throws Exception {
        assertThat(camel.getRoute("greeting").getDescription()).isEqualTo("first");

        Files.writeString(STAFF.resolve("greeting.camel.yaml"), route("second"));
        await().atMost(Duration.ofSeconds(30)).until(() -> camel.getRoute("greeting") != null
                && "second".equals(camel.getRoute("greeting").getDescription()));

        Files.writeString(STAFF.resolve("greeting.camel.yaml"), route("third").replace("log:", "lg:"));
        assertThat(postExport(sample("01-approve-playing.json")).statusCode()).isEqualTo(200);
        assertThat(camel.getRoute("receive-export")).isNotNull();

        Files.writeString(STAFF.resolve("greeting.camel.yaml"), route("fourth"));
        await().atMost(Duration.ofSeconds(30)).until(() -> camel.getRoute("greeting") != null
                && "fourth".equals(camel.getRoute("greeting").getDescription()));
        assertThat(postExport(sample("02-approve-complete.json")).statusCode()).isEqualTo(200);
    }

    private static String route(String description) {
        return """
                - route:
                    id: greeting
                    description: %s
                    from:
                      uri: timer:greeting
                      parameters: {period: 60000}
                      steps:
                        - log: "hello"
                """.formatted(description);
    }

    private static Path staffRoutes() {
        try {
            Path dir = Files.createDirectories(Path.of("target/route-reload-test"));
            Files.writeString(dir.resolve("greeting.camel.yaml"), route("first"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
