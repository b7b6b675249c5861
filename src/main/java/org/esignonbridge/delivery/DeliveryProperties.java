package org.esignonbridge.delivery;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The delivery engine's defaults; a subscriber overrides the retry policy and the lease with the
 * Kamelet parameters of the same names.
 *
 * @param pollInterval how often one shared query looks for subscribers with due work
 * @param lease how long a claim (and a single writer's hold on its subscriber) lasts; an instance
 *        that dies leaves its work to the others after this. Longer than any one delivery takes
 * @param maxAttempts attempts before an item is parked with its error when nobody could say what its
 *        failure means; the items behind it go on. A receiver that is busy or down never parks an item
 * @param initialDelay wait after the first failed attempt
 * @param multiplier the wait is multiplied by this after each further failure: an item's own, or,
 *        while a receiver is busy or down, the subscriber's failures in a row
 * @param maxDelay longest wait between attempts; a receiver's Retry-After (429, 503) is honoured up to it
 * @param retireAfter a subscriber whose route no instance has run for this long (the route was removed)
 *        is retired: nothing new is queued for it; what it still has waits, shown on the admin page.
 *        Its route deployed again makes it active again. Longer than a rolling deploy takes
 */
@Validated
@ConfigurationProperties("esignon.delivery")
public record DeliveryProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("10") @Min(1) int maxAttempts,
        @DefaultValue("10s") Duration initialDelay,
        @DefaultValue("2") @DecimalMin("1") double multiplier,
        @DefaultValue("1h") Duration maxDelay,
        @DefaultValue("1d") Duration retireAfter) {

    RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay);
    }
}
