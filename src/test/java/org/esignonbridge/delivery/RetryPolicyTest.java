package org.esignonbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.esignonbridge.delivery.DeliveryFailure.Kind;
import org.junit.jupiter.api.Test;

/** How long a delivery waits after a failed attempt, by what the failure meant. */
class RetryPolicyTest {

    /** The sheet's: every wait starts and stops at the settle period (2m); max-attempts 10. */
    static final RetryPolicy SHEET = new RetryPolicy(10, Duration.ofMinutes(2), 2, Duration.ofMinutes(2));
    /** The engine's defaults: 10s doubling up to 1h. */
    static final RetryPolicy DEFAULTS = new RetryPolicy(10, Duration.ofSeconds(10), 2, Duration.ofHours(1));

    @Test
    void aQuotaAnswerWaitsWhatTheReceiverAskedHoweverOftenTheBatchFailedBefore() {
        DeliveryFailure quota = new DeliveryFailure(Kind.NOT_APPLIED, Duration.ofSeconds(1), "429");

        assertThat(SHEET.delayAfter(quota, 1, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SHEET.delayAfter(quota, 3, 9)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SHEET.delayAfter(new DeliveryFailure(Kind.NOT_APPLIED, Duration.ofHours(3), "503"), 1, 1))
                .as("a receiver's Retry-After waits at most max-delay").isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void anUnknownOutcomeWaitsTheSettlePeriodNotMoreForEachEarlierFailureOfTheBatch() {
        DeliveryFailure unknown = new DeliveryFailure(Kind.UNKNOWN_OUTCOME, null, "500");

        assertThat(SHEET.delayAfter(unknown, 1, 1)).isBetween(Duration.ofMinutes(2), Duration.ofSeconds(144));
        assertThat(SHEET.delayAfter(unknown, 30, 30)).isBetween(Duration.ofMinutes(2), Duration.ofSeconds(144));
        assertThat(DEFAULTS.delayAfter(new DeliveryFailure(Kind.UNKNOWN_OUTCOME, Duration.ofMinutes(5), "503"), 1, 1))
                .as("a longer Retry-After is honoured").isEqualTo(Duration.ofMinutes(5));
        assertThat(SHEET.delayAfter(new DeliveryFailure(Kind.UNKNOWN_OUTCOME, Duration.ofMinutes(5), "503"), 1, 1))
                .as("up to max-delay: the back-off then").isBetween(Duration.ofMinutes(2), Duration.ofSeconds(144));
    }

    @Test
    void anOutageBacksOffWithTheFailuresInARowUpToMaxDelayNotWithTheDeliveryAttempts() {
        DeliveryFailure down = new DeliveryFailure(Kind.NOT_APPLIED, null, "connection refused");

        assertThat(DEFAULTS.delayAfter(down, 1, 9)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(12));
        assertThat(DEFAULTS.delayAfter(down, 3, 1)).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(48));
        assertThat(DEFAULTS.delayAfter(down, 40, 40)).isBetween(Duration.ofHours(1), Duration.ofMinutes(72));
    }

    @Test
    void anUnexplainedFailureBacksOffWithTheDeliveryOwnAttempts() {
        DeliveryFailure failed = new DeliveryFailure(Kind.FAILED, null, "NullPointerException");

        assertThat(DEFAULTS.delayAfter(failed, 7, 1)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(12));
        assertThat(DEFAULTS.delayAfter(failed, 1, 4)).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(96));
    }

    @Test
    void onlyWhatRetryingCannotFixIsEverParkedForRunningOutOfAttempts() {
        assertThat(Kind.NOT_APPLIED.isTransient()).isTrue();
        assertThat(Kind.UNKNOWN_OUTCOME.isTransient()).isTrue();
        assertThat(Kind.UNDELIVERABLE.isTransient()).isFalse();
        assertThat(Kind.FAILED.isTransient()).isFalse();
    }

    @Test
    void waitsAreLoggedAsAPersonReadsThem() {
        assertThat(RetryPolicy.words(Duration.ofMillis(1000))).isEqualTo("1.0s");
        assertThat(RetryPolicy.words(Duration.ofSeconds(125))).isEqualTo("2m 5s");
    }
}
