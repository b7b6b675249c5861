package org.esignonbridge.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry policy: the wait after a failed attempt starts at {@code initialDelay} and is
 * multiplied after each further failure up to {@code maxDelay}, plus up to a fifth more of jitter so
 * that failures do not return in step; after {@code maxAttempts} the item is parked.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    public Duration delayAfter(int attempts) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(attempts - 1, 0));
        long wait = (long) Math.min(maxDelay.toMillis(), millis);
        return Duration.ofMillis(wait + ThreadLocalRandom.current().nextLong(Math.max(1, wait / 5)));
    }
}
