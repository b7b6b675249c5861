package org.esignonbridge.operations;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * OUT_OF_SERVICE when a subscriber's oldest waiting delivery is older than
 * {@code esignon.health.backlog-max-age}; while its last attempt failed, why ({@code failure}: e.g.
 * not-applied for Google's quota, unknown-outcome for an outage) and the error. Parked deliveries are
 * listed but change no status (they wait for a person, see the admin page). Not part of readiness: a slow subscriber never stops the webhook.
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
        for (DeliveryBacklog.Backlog subscriber : backlog.subscribers()) {
            // a retired subscriber (its route was removed) is shown, never late: nobody is meant to deliver it
            boolean late = !subscriber.retired() && subscriber.oldestPending().compareTo(properties.backlogMaxAge()) > 0;
            if (late) {
                status = Status.OUT_OF_SERVICE;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("pending", subscriber.pending());
            detail.put("parked", subscriber.parked());
            detail.put("oldestPendingSeconds", subscriber.oldestPending().toSeconds());
            detail.put("late", late);
            if (subscriber.retired()) {
                detail.put("retired", true);
            }
            if (subscriber.failure() != null) {
                detail.put("failure", subscriber.failure());   // why it waits: the oldest delivery's last attempt failed
                detail.put("lastError", subscriber.lastError());
            }
            details.put(subscriber.name(), detail);
        }
        health.status(status).withDetail("subscribers", details).withDetail("maxAge", properties.backlogMaxAge().toString());
    }
}
