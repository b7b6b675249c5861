package org.esignonbridge.delivery;

import java.time.Duration;

/**
 * A subscriber as its route deployed it (the esignon-subscription Kamelet's parameters).
 *
 * @param batchSize most items one delivery carries; above 1 the body is always a list
 * @param singleWriter one instance at a time delivers (the sheet), holding a lease on the subscriber row
 */
public record Subscription(String name, Seam seam, boolean startAtBeginning, int batchSize, boolean singleWriter,
                           Duration lease, RetryPolicy retry) {

    public boolean batch() {
        return batchSize > 1;
    }
}
