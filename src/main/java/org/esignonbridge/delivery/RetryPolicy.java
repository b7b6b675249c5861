package org.esignonbridge.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry policy. The back-off starts at {@code initialDelay} and is multiplied after each
 * further failure up to {@code maxDelay}, plus up to a fifth more of jitter so that failures do not
 * return in step. What a failure means decides what it grows with ({@link #delayAfter(DeliveryFailure, int, int)}):
 * only a delivery's own failures park it, after {@code maxAttempts}.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    /**
     * The wait after a failed attempt. Not applied: what the receiver asked for (its Retry-After, at
     * most max-delay: a receiver cannot park the line for longer than the subscriber allows), else the back-off
     * for the subscriber's failures in a row (an outage, never one batch's count: the rows behind a
     * head-of-line writer go as soon as the receiver answers again). Outcome unknown: the same
     * back-off, at least what the receiver asked (the first wait, initial-delay, is the settle period
     * of a subscriber that looks for what it may have written). Anything else: the delivery's own back-off.
     */
    public Duration delayAfter(DeliveryFailure failure, int failuresInARow, int deliveryAttempts) {
        Duration asked = failure.retryAfter() == null || failure.retryAfter().compareTo(maxDelay) <= 0 ? failure.retryAfter() : maxDelay;
        return switch (failure.kind()) {
            case NOT_APPLIED -> asked != null ? asked : delayAfter(failuresInARow);
            case UNKNOWN_OUTCOME -> {
                Duration backOff = delayAfter(failuresInARow);
                yield asked != null && asked.compareTo(backOff) > 0 ? asked : backOff;
            }
            case UNDELIVERABLE -> Duration.ZERO;
            case FAILED -> delayAfter(deliveryAttempts);
        };
    }

    public Duration delayAfter(int attempts) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(attempts - 1, 0));
        long wait = (long) Math.min(maxDelay.toMillis(), millis);
        return Duration.ofMillis(wait + ThreadLocalRandom.current().nextLong(Math.max(1, wait / 5)));
    }

    /** A wait as the log says it: {@code 1.0s}, {@code 2m 5s}. */
    static String words(Duration wait) {
        if (wait == null) {
            return "-";
        }
        long seconds = wait.toSeconds();
        return seconds < 60 ? String.format(java.util.Locale.ROOT, "%.1fs", wait.toMillis() / 1000.0)
                : seconds / 60 + "m " + seconds % 60 + "s";
    }
}
