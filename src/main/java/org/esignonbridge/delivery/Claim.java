package org.esignonbridge.delivery;

import java.util.List;

/**
 * Deliveries of one subscriber claimed by this instance for one attempt.
 *
 * @param deliveries in delivery order
 */
public record Claim(Subscriber subscriber, List<Delivery> deliveries) {

    /**
     * @param attempts attempts begun, this one included
     * @param deliveredBefore a replay of one delivered before
     */
    public record Delivery(long eventId, long exportId, int attempts, boolean deliveredBefore) {
    }

    public List<Long> eventIds() {
        return deliveries.stream().map(Delivery::eventId).toList();
    }

    /** An earlier attempt may have reached the receiver (it failed without an answer, or the delivery is replayed). */
    public boolean redelivery() {
        return deliveries.stream().anyMatch(delivery -> delivery.attempts() > 1 || delivery.deliveredBefore());
    }

    public int attempt() {
        return deliveries.stream().mapToInt(Delivery::attempts).max().orElse(0);
    }
}
