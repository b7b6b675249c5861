package org.esignonbridge.delivery;

import java.time.Duration;

/**
 * What a failed delivery means, as its subscriber tells the engine ({@link DeliveryAdvice#classify}); the
 * engine itself knows only what any receiver may answer ({@link DeliveryFailures#classify}).
 *
 * @param kind whether the receiver did it, may have done it, or cannot take the delivery
 * @param retryAfter how long the receiver asked to be left alone (its Retry-After, its quota's refill), or
 *        null: the subscriber's capped back-off then
 * @param cause one line for the log and {@code last_error}: the receiver's answer, or what went wrong
 */
public record DeliveryFailure(Kind kind, Duration retryAfter, String cause) {

    public enum Kind {
        /** The receiver answered before doing anything (a 429, a 503, a refused key): come back later, nothing to look for. */
        NOT_APPLIED("not-applied", "not applied"),
        /** The receiver may have done it (no answer, a 5xx, a dropped connection): the next attempt is a redelivery. */
        UNKNOWN_OUTCOME("unknown-outcome", "outcome unknown"),
        /** The delivery itself cannot be taken: retrying cannot help. A batch is split to find it; it alone is parked. */
        UNDELIVERABLE("undeliverable", "undeliverable"),
        /** Nobody said what it means (say, a staff route's own exception): the back-off, parked after max-attempts. */
        FAILED("failed", "failed");

        private final String id;
        private final String words;

        Kind(String id, String words) {
            this.id = id;
            this.words = words;
        }

        /** As {@code delivery.last_failure} and the metrics' {@code cause} tag hold it. */
        public String id() {
            return id;
        }

        /** As the log says it. */
        public String words() {
            return words;
        }

        /** Retrying fixes it sooner or later: never parked for running out of attempts. */
        public boolean isTransient() {
            return this == NOT_APPLIED || this == UNKNOWN_OUTCOME;
        }
    }
}
