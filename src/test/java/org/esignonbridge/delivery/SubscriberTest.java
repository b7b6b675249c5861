package org.esignonbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.StartedProduct;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two staff route files react to the same event, each once, and an export accepted just before the
 * product stopped reaches both after the restart.
 */
@OnEveryDatabase
class SubscriberTest {

    @Test
    void severalRoutesReactToTheSameEventOnceEachAlsoAcrossARestart() throws Exception {
        Path staff = Files.createTempDirectory("staff-routes");
        Path outbox = Files.createTempDirectory("outbox");
        for (String name : new String[] {"ledger", "audit"}) {
            Files.writeString(staff.resolve(name + ".camel.yaml"), """
                    - route:
                        id: %1$s
                        description: Write every accepted export's document id to the %1$s folder
                        from:
                          uri: kamelet:esignon-events
                          parameters: {event: export-accepted, subscriber: %1$s, delay: "{{event.delay}}"}
                          steps:
                            - setBody: {simple: "${body[wfuid]} ${header.EsignonExportId}"}
                            - to: "file:%2$s/%1$s"
                    """.formatted(name, outbox));
        }
        String include = "--camel.main.routes-include-pattern=file:routes/*.yaml,file:" + staff + "/*.yaml";

        try (StartedProduct first = StartedProduct.start(include, "--event.delay=1h")) {
            JdbcTemplate jdbc = first.bean(JdbcTemplate.class);
            // both registered before the webhook accepted anything; their first poll is an hour away
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM subscriber WHERE name IN ('ledger', 'audit')", Long.class)).isEqualTo(2);
            assertThat(first.postExport(ProductTest.sample("01-approve-playing.json").replace("\"actionid\": \"", "\"actionid\": \"restart-")).statusCode()).isEqualTo(200);
        } // stopped before either route was handed the export

        try (StartedProduct second = StartedProduct.start(include, "--event.delay=200ms")) {
            second.postExport(ProductTest.sample("02-approve-complete.json").replace("\"actionid\": \"", "\"actionid\": \"restart-"));

            await().atMost(Duration.ofSeconds(20)).until(() -> files(outbox.resolve("ledger")) == 2 && files(outbox.resolve("audit")) == 2);

            await().atMost(Duration.ofSeconds(10)).until(() -> second.bean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM delivery"
                    + " WHERE state = 'delivered' AND subscriber IN ('ledger', 'audit')", Long.class) == 4);
        }
    }

    @Test
    void anExportAcceptedAsSoonAsTheWebhookIsUpReachesASubscriberPresentAtStart() throws Exception {
        Path staff = Files.createTempDirectory("staff-routes");
        Path outbox = Files.createTempDirectory("outbox");
        Files.writeString(staff.resolve("early.camel.yaml"), route("early", "now", outbox));
        String include = "--camel.main.routes-include-pattern=file:routes/*.yaml,file:" + staff + "/*.yaml";

        try (StartedProduct product = StartedProduct.start(include)) {
            // the very first request, as soon as the product is up
            long id = ProductTest.json(product.postExport(ProductTest.sample("01-approve-playing.json").replace("\"actionid\": \"", "\"actionid\": \"early-"))).get("id").asLong();

            await().atMost(Duration.ofSeconds(20)).until(() -> files(outbox.resolve("early")) == 1);
            assertThat(Files.readString(Files.list(outbox.resolve("early")).findFirst().orElseThrow())).endsWith(" " + id);
        }
    }

    @Test
    void aSubscriberThatStartsAtTheBeginningIsHandedWhatWasStoredBeforeIt() throws Exception {
        Path staff = Files.createTempDirectory("staff-routes");
        Path outbox = Files.createTempDirectory("outbox");
        String include = "--camel.main.routes-include-pattern=file:routes/*.yaml,file:" + staff + "/*.yaml";
        try (StartedProduct before = StartedProduct.start()) {
            before.postExport(ProductTest.sample("03-reject.json").replace("\"actionid\": \"", "\"actionid\": \"beginning-"));
        }
        Files.writeString(staff.resolve("backfill.camel.yaml"), route("backfill", "beginning", outbox));
        Files.writeString(staff.resolve("fresh.camel.yaml"), route("fresh", "now", outbox));

        try (StartedProduct product = StartedProduct.start(include)) {
            long stored = product.bean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM esignon_export WHERE passed = TRUE", Long.class);
            product.postExport(ProductTest.sample("03-reject.json").replace("\"actionid\": \"", "\"actionid\": \"after-"));

            await().atMost(Duration.ofSeconds(30)).until(() -> files(outbox.resolve("backfill")) == stored + 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> files(outbox.resolve("fresh")) == 1);
        }
    }

    private static String route(String name, String startAt, Path outbox) {
        return """
                - route:
                    id: %1$s
                    description: Write every accepted export's document id to the %1$s folder
                    from:
                      uri: kamelet:esignon-events
                      parameters: {event: export-accepted, subscriber: %1$s, start-at: %3$s, delay: 100ms}
                      steps:
                        - setBody: {simple: "${body[wfuid]} ${header.EsignonExportId}"}
                        - to: "file:%2$s/%1$s?fileName=${header.EsignonExportId}"
                """.formatted(name, outbox, startAt);
    }

    private static long files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}
