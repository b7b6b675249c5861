package org.esignonbridge.delivery;

import java.time.Duration;

/**
 * A subscriber as its route deployed it (the esignon-events Kamelet's parameters).
 *
 * @param batchSize most events one message carries; above 1 the body is always a list
 * @param singleWriter one instance at a time delivers (the sheet), holding a lease on the subscriber row
 */
public record Subscriber(String name, Event event, boolean startAtBeginning, int batchSize, boolean singleWriter,
                           Duration lease, RetryPolicy retry) {

    public boolean batch() {
        return batchSize > 1;
    }
}
