package org.esignonbridge.operations;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What the delivery engine tells operations. The engine provides the one bean of this type, read
 * from its tables; health ({@link BacklogHealthIndicator}), metrics ({@link BacklogMetrics}) and
 * the admin trail of a contract report it. Without such a bean they report no subscribers and no
 * deliveries.
 */
public interface Deliveries {

    /** Every subscriber's backlog. */
    List<Subscriber> subscribers();

    /** What became of one export at each subscriber, for the trail of its contract. */
    default List<Delivery> of(long exportId) {
        return List.of();
    }

    /**
     * One subscriber's backlog: items waiting, items parked after their last attempt, the age of
     * the oldest waiting item (zero when none), and totals delivered and retried since it began.
     */
    record Subscriber(String name, long pending, long parked, Duration oldestPending, long delivered, long retries) {
    }

    /** One export at one subscriber: its state (pending, delivered, parked), attempts and last error. */
    record Delivery(String subscriber, String state, int attempts, String lastError, LocalDateTime lastAttemptAt) {
    }
}
