package org.esignonbridge.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.stereotype.Component;

/**
 * Registers each subscriber when the route of its esignon-subscription Kamelet is created: every
 * route is created before any route starts, so a subscriber present at start is registered before
 * the webhook accepts its first export (no window in which an export would miss it). A removed route
 * is no longer seen by this instance ({@link Subscribers}).
 */
@Component
public class Subscriptions implements RoutePolicyFactory {

    static final String KAMELET = "esignon-subscription";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private final Subscribers subscribers;
    private final DeliveryProperties defaults;

    public Subscriptions(Subscribers subscribers, DeliveryProperties defaults) {
        this.subscribers = subscribers;
        this.defaults = defaults;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode node) {
        if (node instanceof RouteDefinition route && route.getTemplateParameters() != null
                && KAMELET.equals(route.getTemplateParameters().get("templateId"))) {
            Subscription subscription = subscription(camel, route.getTemplateParameters());
            subscribers.register(subscription);
            return new RoutePolicySupport() {
                @Override
                public void onRemove(Route removed) {
                    subscribers.removed(subscription.name());   // a route reload without it, or removed by hand
                }
            };
        }
        return null;
    }

    Subscription subscription(CamelContext camel, Map<String, Object> parameters) {
        String name = text(camel, parameters, "subscriber", null);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("subscriber '" + name + "' must be 1 to 100 lowercase letters, digits and dashes");
        }
        String startAt = text(camel, parameters, "start-at", "now");
        if (!startAt.equals("now") && !startAt.equals("beginning")) {
            throw new IllegalArgumentException("subscriber " + name + ": start-at must be beginning or now, not " + startAt);
        }
        RetryPolicy retry = new RetryPolicy(
                Integer.parseInt(text(camel, parameters, "max-attempts", String.valueOf(defaults.maxAttempts()))),
                duration(camel, parameters, "initial-delay", defaults.initialDelay()),
                Double.parseDouble(text(camel, parameters, "multiplier", String.valueOf(defaults.multiplier()))),
                duration(camel, parameters, "max-delay", defaults.maxDelay()));
        return new Subscription(name, Seam.named(text(camel, parameters, "seam", null)), startAt.equals("beginning"),
                Integer.parseInt(text(camel, parameters, "batch-size", "1")),
                Boolean.parseBoolean(text(camel, parameters, "single-writer", "false")),
                duration(camel, parameters, "lease", defaults.lease()), retry);
    }

    private static String text(CamelContext camel, Map<String, Object> parameters, String key, String fallback) {
        Object value = parameters.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        return camel.resolvePropertyPlaceholders(value.toString()).trim();
    }

    private static Duration duration(CamelContext camel, Map<String, Object> parameters, String key, Duration fallback) {
        String value = text(camel, parameters, key, null);
        return value == null ? fallback : CamelContextHelper.parseDuration(camel, value);
    }
}
