package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Route files that leave out the webhook: the product starts, and says it is not healthy. */
@TestPropertySource(properties = {
    "camel.main.routes-include-pattern=file:routes/sync-sheet*.yaml",
    "management.endpoint.health.show-components=always"})
class WebhookHealthTest extends ProductTest {

    @Test
    void withoutTheWebhookRouteHealthIsDown() {
        assertThat(postExport(sample("03-reject.json")).statusCode()).isEqualTo(404);

        HttpResponse<String> health = send(HttpRequest.newBuilder(managementUri("/actuator/health")).build());

        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(json(health).at("/components/webhook/status").asText()).isEqualTo("DOWN");
    }
}
