package org.esignonbridge.receive;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} is DOWN while the webhook route is not running: without it every export
 * is answered 503 and nothing is stored, however healthy the rest looks.
 */
@Component
public class WebhookHealthIndicator implements HealthIndicator {

    /** The id of the route in {@code receive-export.camel.yaml}. */
    static final String ROUTE_ID = "receive-export";

    private final CamelContext camel;

    public WebhookHealthIndicator(CamelContext camel) {
        this.camel = camel;
    }

    /** Whether the webhook's route takes exports. */
    public boolean isRunning() {
        ServiceStatus status = camel.getRouteController().getRouteStatus(ROUTE_ID);
        return status != null && status.isStarted();
    }

    @Override
    public Health health() {
        ServiceStatus status = camel.getRouteController().getRouteStatus(ROUTE_ID);
        if (status == null) {
            return Health.down().withDetail("route", ROUTE_ID + " is not loaded: exports are answered 503").build();
        }
        return (status.isStarted() ? Health.up() : Health.down()).withDetail("route", ROUTE_ID + " is " + status).build();
    }
}
