package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Route files that leave out the webhook: the product starts, says it is not healthy, and tells senders to try again. */
@TestPropertySource(properties = {
    "camel.main.routes-include-pattern=file:routes/sync-sheet*.yaml",
    "management.endpoint.health.show-components=always"})
class WebhookHealthTest extends ProductTest {

    @Test
    void withoutTheWebhookRouteHealthIsDown() {
        HttpResponse<String> export = postExport(sample("03-reject.json"));
        assertThat(export.statusCode()).isEqualTo(503);
        assertThat(export.headers().firstValue("Retry-After")).isPresent();

        HttpResponse<String> health = send(HttpRequest.newBuilder(managementUri("/actuator/health")).build());

        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(json(health).at("/components/webhook/status").asText()).isEqualTo("DOWN");
    }
}
