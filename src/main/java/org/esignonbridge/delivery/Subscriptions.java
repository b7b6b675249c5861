package org.esignonbridge.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.CamelContextHelper;
import org.springframework.stereotype.Component;

/**
 * Registers each subscriber when the route of its esignon-subscription Kamelet is created: every
 * route is created before any route starts, so a subscriber present at start is registered before
 * the webhook accepts its first export (no window in which an export would miss it).
 */
@Component
public class Subscriptions implements RoutePolicyFactory {

    static final String KAMELET = "esignon-subscription";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private final Deliveries deliveries;

    public Subscriptions(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode node) {
        if (node instanceof RouteDefinition route && route.getTemplateParameters() != null
                && KAMELET.equals(route.getTemplateParameters().get("templateId"))) {
            deliveries.register(subscription(camel, route.getTemplateParameters()));
        }
        return null; // registration is all it takes
    }

    /** From the route's Kamelet parameters, which carry the Kamelet's defaults (esignon.delivery.* for the retries). */
    Subscription subscription(CamelContext camel, Map<String, Object> parameters) {
        String name = text(camel, parameters, "subscriber");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("subscriber '" + name + "' must be 1 to 100 lowercase letters, digits and dashes");
        }
        String startAt = text(camel, parameters, "start-at");
        if (!"now".equals(startAt) && !"beginning".equals(startAt)) {
            throw new IllegalArgumentException("subscriber " + name + ": start-at must be beginning or now, not " + startAt);
        }
        RetryPolicy retry = new RetryPolicy(
                Integer.parseInt(text(camel, parameters, "max-attempts")),
                duration(camel, parameters, "initial-delay"),
                Double.parseDouble(text(camel, parameters, "multiplier")),
                duration(camel, parameters, "max-delay"));
        return new Subscription(name, Seam.named(text(camel, parameters, "seam")), startAt.equals("beginning"),
                Integer.parseInt(text(camel, parameters, "batch-size")),
                Boolean.parseBoolean(text(camel, parameters, "single-writer")),
                duration(camel, parameters, "lease"), retry);
    }

    private static String text(CamelContext camel, Map<String, Object> parameters, String key) {
        Object value = parameters.get(key);
        return value == null ? null : camel.resolvePropertyPlaceholders(value.toString()).trim();
    }

    private static Duration duration(CamelContext camel, Map<String, Object> parameters, String key) {
        return CamelContextHelper.parseDuration(camel, text(camel, parameters, key));
    }
}
