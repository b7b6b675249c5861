package org.esignonbridge.operations;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * OUT_OF_SERVICE when a subscriber's oldest waiting item is older than
 * {@code esignon.health.backlog-max-age}; parked items are listed but change no status (they wait
 * for a person, see the admin page). Not part of readiness: a slow sink never stops the webhook.
 */
@Component("backlog")
public class BacklogHealthIndicator extends AbstractHealthIndicator {

    private final DeliveryBacklog backlog;
    private final HealthProperties properties;

    public BacklogHealthIndicator(DeliveryBacklog backlog, HealthProperties properties) {
        this.backlog = backlog;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
                Status status = Status.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        for (DeliveryBacklog.Subscriber subscriber : backlog.subscribers()) {
            boolean late = subscriber.oldestPending().compareTo(properties.backlogMaxAge()) > 0;
            if (late) {
                status = Status.OUT_OF_SERVICE;
            }
            details.put(subscriber.name(), Map.of(
                    "pending", subscriber.pending(),
                    "parked", subscriber.parked(),
                    "oldestPendingSeconds", subscriber.oldestPending().toSeconds(),
                    "late", late));
        }
        health.status(status).withDetail("subscribers", details).withDetail("maxAge", properties.backlogMaxAge().toString());
    }
}
