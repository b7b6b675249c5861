package org.esignonbridge.operations;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What the delivery engine ({@link org.esignonbridge.delivery.DeliveryOperations}) tells operations, read
 * from its tables: health ({@link BacklogHealthIndicator}), metrics ({@link BacklogMetrics}) and
 * the admin trail of a contract report it.
 */
public interface DeliveryBacklog {

    /** Every registered subscriber's backlog, by name. */
    List<Backlog> subscribers();

    /** Every cause {@link Backlog#failure()} may name, for the metrics to show each one. */
    List<String> failures();

    /** What became of one export (and of its archived files) at each subscriber, for the trail of its contract. */
    List<Delivery> of(long exportId);

    /**
     * One subscriber's backlog: deliveries waiting, deliveries parked after their last attempt, the age of
     * the oldest waiting delivery (zero when none), delivered ones, attempts beyond each delivery's
     * first (a replay starts a delivery's count again), and, when the oldest waiting delivery's last attempt
     * failed, what that meant ({@code not-applied}, {@code unknown-outcome}, {@code undeliverable},
     * {@code failed}) and its error: why the subscriber is late; and whether it is retired (no
     * instance has run its route for {@code esignon.delivery.retire-after}: nothing new is queued for it,
     * and what it still has waits for its route to come back or for an operator).
     */
    record Backlog(String name, long pending, long parked, Duration oldestPending, long delivered, long retries,
                      String failure, String lastError, boolean retired) {
    }

    /** One delivery at one subscriber: its state (pending, delivered, parked), attempts begun and last error. */
    record Delivery(String subscriber, long eventId, String state, int attempts, String lastError,
                    LocalDateTime nextAttemptAt, LocalDateTime deliveredAt) {
    }
}
