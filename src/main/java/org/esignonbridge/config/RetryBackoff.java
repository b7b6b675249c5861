package org.esignonbridge.config;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long work that failed in a way that may pass waits before its next attempt: the initial
 * delay doubling with every attempt up to a maximum, plus up to a fifth more of jitter so that
 * failures do not return in step.
 */
public record RetryBackoff(Duration initial, Duration max) {

    public Duration delayAfter(int attempts) {
        long millis = Math.min(max.toMillis(), initial.toMillis() << Math.min(Math.max(attempts - 1, 0), 30));
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(Math.max(1, millis / 5)));
    }
}
