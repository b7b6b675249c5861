package org.esignonbridge.delivery;

import java.time.Duration;

/**
 * A subscriber as its route deployed it (the esignon-events Kamelet's parameters).
 *
 * @param batchSize most events one message carries; above 1 the body is always a list
 * @param singleWriter one instance at a time delivers (the sheet), holding a lease on the writer's subscriber row
 * @param writer the subscriber whose writer lease (and turns) this one shares; its own name when it has its own
 * @param pace at most one delivery per pace among the subscribers of one writer (greedy false: the Kamelet's
 *        delay); null: no turns
 */
public record Subscriber(String name, Event event, boolean startAtBeginning, int batchSize, boolean singleWriter,
                           Duration lease, RetryPolicy retry, String writer, Duration pace) {

    public Subscriber(String name, Event event, boolean startAtBeginning, int batchSize, boolean singleWriter,
                      Duration lease, RetryPolicy retry) {
        this(name, event, startAtBeginning, batchSize, singleWriter, lease, retry, name, null);
    }

    public boolean batch() {
        return batchSize > 1;
    }
}
