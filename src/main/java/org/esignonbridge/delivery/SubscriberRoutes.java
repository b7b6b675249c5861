package org.esignonbridge.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.kamelet.Kamelet;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.stereotype.Component;

/**
 * Registers each subscriber when the route of its esignon-events Kamelet is created: every
 * route is created before any route starts, so a subscriber present at start is registered before
 * the webhook accepts its first export (no window in which an export would miss it). A removed route
 * is no longer seen by this instance ({@link Subscribers}).
 */
@Component
public class SubscriberRoutes implements RoutePolicyFactory {

    static final String KAMELET = "esignon-events";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private final Subscribers subscribers;
    /** Subscriber names by the id of the route their Kamelet feeds. */
    private final Map<String, String> byRouteItFeeds = new ConcurrentHashMap<>();

    public SubscriberRoutes(Subscribers subscribers) {
        this.subscribers = subscribers;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode node) {
        if (!(node instanceof RouteDefinition route)) {
            return null;
        }
        if (route.getTemplateParameters() != null && KAMELET.equals(route.getTemplateParameters().get(Kamelet.PARAM_TEMPLATE_ID))) {
            Subscriber subscriber = subscriber(camel, route.getTemplateParameters());
            subscribers.register(subscriber);
            Object parent = route.getTemplateParameters().get(Kamelet.PARENT_ROUTE_ID);
            if (parent != null) {
                byRouteItFeeds.put(parent.toString(), subscriber.name());
            }
            return onRemove(() -> subscribers.removed(subscriber.name()));
        }
        if (fedByKamelet(route)) {
            // the Kamelet's own route outlives the route it feeds: the subscriber goes with the latter
            return onRemove(() -> {
                String name = byRouteItFeeds.remove(routeId);
                if (name != null) {
                    subscribers.removed(name);
                }
            });
        }
        return null;
    }

    /** Whether the route starts with the esignon-events Kamelet (a subscriber's route, as its file has it). */
    static boolean fedByKamelet(RouteDefinition route) {
        String from = route.getInput() == null ? null : route.getInput().getEndpointUri();
        return from != null && (from.equals("kamelet:" + KAMELET) || from.startsWith("kamelet:" + KAMELET + "?")
                || from.startsWith("kamelet:" + KAMELET + "/"));
    }

    private static RoutePolicy onRemove(Runnable removed) {
        return new RoutePolicySupport() {
            @Override
            public void onRemove(Route route) {
                removed.run();
            }
        };
    }

    Subscriber subscriber(CamelContext camel, Map<String, Object> parameters) {
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
        String writer = text(camel, parameters, "writer");
        if (writer != null && !writer.isEmpty() && !NAME.matcher(writer).matches()) {
            throw new IllegalArgumentException("subscriber " + name + ": writer '" + writer + "' must be a subscriber's name");
        }
        return new Subscriber(name, Event.named(text(camel, parameters, "event")), startAt.equals("beginning"),
                Integer.parseInt(text(camel, parameters, "batch-size")),
                Boolean.parseBoolean(text(camel, parameters, "single-writer")),
                duration(camel, parameters, "lease"), retry, writer == null || writer.isEmpty() ? name : writer,
                Boolean.parseBoolean(text(camel, parameters, "greedy")) ? null : duration(camel, parameters, "delay"));
    }

    private static String text(CamelContext camel, Map<String, Object> parameters, String key) {
        Object value = parameters.get(key);
        return value == null ? null : camel.resolvePropertyPlaceholders(value.toString()).trim();
    }

    private static Duration duration(CamelContext camel, Map<String, Object> parameters, String key) {
        return CamelContextHelper.parseDuration(camel, text(camel, parameters, key));
    }
}
