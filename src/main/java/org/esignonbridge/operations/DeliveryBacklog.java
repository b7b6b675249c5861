package org.esignonbridge.operations;

import java.time.Duration;
import java.util.List;

/**
 * What each subscriber of the delivery engine has to do. The engine provides the one bean of this
 * type, read from its tables; health ({@link BacklogHealthIndicator}) and metrics
 * ({@link BacklogMetrics}) report it. Without such a bean both report no subscribers.
 */
public interface DeliveryBacklog {

    List<Subscriber> subscribers();

    /**
     * One subscriber's backlog: items waiting, items parked after their last attempt, the age of
     * the oldest waiting item (zero when none), and totals delivered and retried since it began.
     */
    record Subscriber(String name, long pending, long parked, Duration oldestPending, long delivered, long retries) {
    }
}
