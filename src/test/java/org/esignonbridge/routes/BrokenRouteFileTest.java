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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * A staff edit breaks a flow: one file does not even load, another's endpoint keeps failing. The
 * webhook keeps accepting and storing exports; the broken flows' work waits in SQL.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
    "camel.main.routes-include-pattern=file:routes/*.yaml,file:target/broken-route-file-test/*.yaml",
    "sms.inbox=target/broken-route-file-test/inbox"})
class BrokenRouteFileTest extends ProductTest {

    /** Fixed, because route files are checked before test-only dynamic properties exist. */
    static final Path STAFF = staffRoutes();

    @Autowired
    LeftOutRouteFiles leftOut;

    @Test
    void aFileThatDoesNotLoadIsLeftOutAndTheWebhookStillStoresExports(CapturedOutput log) {
        assertThat(camel.getRoute("misspelled")).isNull();
        assertThat(camel.getRoute("receive-export")).isNotNull();
        assertThat(log.getOut()).contains("Route file left out until it is fixed: " + STAFF.resolve("misspelled.camel.yaml") + ":8");

        assertThat(postExport(sample("03-reject.json")).statusCode()).isEqualTo(200);
        assertThat(count("esignon_export")).isOne();
    }

    @Test
    void aStaffTypoInAnExpressionOrACopiedRouteIdLeavesOutOnlyThatFile(CapturedOutput log) {
        assertThat(camel.getRoute("typo-in-expression")).isNull();
        assertThat(camel.getRoute("rejections-to-inbox")).isNotNull();
        assertThat(log.getOut()).contains("Route file left out until it is fixed: " + STAFF.resolve("typo-in-expression.camel.yaml") + ":7: Simple expression does not compile")
                .contains("Route file left out until it is fixed: " + STAFF.resolve("z-copied-recipe.camel.yaml") + ":1: route id 'rejections-to-inbox' is already used");
        assertThat(leftOut.files()).hasSize(4).anyMatch(file -> file.file().equals(STAFF.resolve("z-copied-recipe.camel.yaml").toString()));

        assertThat(postExport(sample("03-reject.json")).statusCode()).isEqualTo(200);
    }

    @Test
    void aMissingKameletParameterLeavesOutOnlyThatFile(CapturedOutput log) {
        assertThat(camel.getRoute("wrong-kamelet-parameter")).isNull();
        assertThat(camel.getRoute("rejections-to-inbox")).isNotNull();
        assertThat(log.getOut()).contains("Route file left out until it is fixed: " + STAFF.resolve("wrong-kamelet-parameter.camel.yaml")
                + ":5: Kamelet 'esignon-events' needs parameter 'subscriber'");
        assertThat(leftOut.files()).anyMatch(file -> file.file().endsWith("wrong-kamelet-parameter.camel.yaml")
                && file.reason().equals("5: Kamelet 'esignon-events' needs parameter 'subscriber'"));

        assertThat(postExport(sample("03-reject.json")).statusCode()).isEqualTo(200);
        assertThat(count("esignon_export")).isOne();
    }

    @Test
    void aFlowWhoseEndpointFailsKeepsItsWorkUntilFixed() throws Exception {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM subscriber WHERE name = 'rejections-to-inbox'", Long.class)).isOne();
        FileSystemUtils.deleteRecursively(STAFF.resolve("inbox"));   // what earlier runs delivered
        Files.writeString(STAFF.resolve("inbox"), "a file where the flow expects a folder");

        assertThat(postExport(sample("03-reject.json")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM delivery WHERE subscriber = 'rejections-to-inbox' AND state = 'pending'"
                + " AND last_error IS NOT NULL", Long.class) == 1);

        Files.delete(STAFF.resolve("inbox"));                     // the fix
        deliveries.replay("rejections-to-inbox", jdbc.queryForObject("SELECT event_id FROM delivery", Long.class));   // rather than wait for the next retry

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.isDirectory(STAFF.resolve("inbox"))
                && Files.list(STAFF.resolve("inbox")).count() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("rejections-to-inbox", "delivered") == 1);
    }

    private static Path staffRoutes() {
        try {
            Path dir = Files.createDirectories(Path.of("target/broken-route-file-test"));
            Files.writeString(dir.resolve("misspelled.camel.yaml"), """
                    - route:
                        id: misspelled
                        from:
                          uri: kamelet:esignon-events
                          parameters: {event: export-accepted, subscriber: misspelled}
                          steps:
                            - setBody: {simple: "${body[wfuid]}"}
                            - lg: "${body}"
                    """);
            Files.writeString(dir.resolve("rejections-to-inbox.camel.yaml"), """
                    - route:
                        id: rejections-to-inbox
                        description: Drop every rejection in the SMS inbox folder
                        from:
                          uri: kamelet:esignon-events
                          parameters: {event: contract-rejected, subscriber: rejections-to-inbox, delay: 200ms}
                          steps:
                            - setBody: {simple: "${body[wfuid]} ${body[opinion]}"}
                            - to: "file:{{sms.inbox}}"
                    """);
            Files.writeString(dir.resolve("typo-in-expression.camel.yaml"), """
                    - route:
                        id: typo-in-expression
                        from:
                          uri: kamelet:esignon-events
                          parameters: {event: export-accepted, subscriber: typo-in-expression}
                          steps:
                            - log: "${body[nosuch}"
                    """);
            Files.writeString(dir.resolve("wrong-kamelet-parameter.camel.yaml"), """
                    - route:
                        id: wrong-kamelet-parameter
                        description: A recipe whose subscriber parameter is misspelled
                        from:
                          uri: kamelet:esignon-events
                          parameters: {event: contract-rejected, subscribr: wrong-kamelet-parameter}
                          steps:
                            - log: "${body}"
                    """);
            // the same recipe copied twice
            Files.writeString(dir.resolve("z-copied-recipe.camel.yaml"), Files.readString(dir.resolve("rejections-to-inbox.camel.yaml")));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
