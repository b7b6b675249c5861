package org.esignonbridge.delivery;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The delivery engine every subscriber uses (sheet, archive, hand-off, staff routes). A route overrides
 * the retry policy and the lease with the esignon-events Kamelet's parameters of the same names,
 * whose defaults are these settings.
 *
 * @param pollInterval <b>Poll interval.</b> How often one shared query looks for subscribers with due work; a
 *        subscriber with nothing due costs no query. Example: {@code 1s}
 * @param lease <b>Lease.</b> How long a claim (and a single writer's hold on its subscriber) lasts; an instance
 *        that dies (kill -9, power loss) leaves its claimed work to the others after this. Longer than any one
 *        delivery takes. Example: {@code 2m}
 * @param maxAttempts <b>Max attempts.</b> Attempts before a delivery is parked with its error when nobody could say
 *        what its failure means (say, a staff route's own exception); the deliveries behind it go on. A receiver that
 *        is busy or down (429, 503, no answer) never parks a delivery: it is tried for as long as it takes.
 *        Example: {@code 10}
 * @param initialDelay <b>Initial delay.</b> Wait after the first failed attempt. Example: {@code 10s}
 * @param multiplier <b>Multiplier.</b> The wait is multiplied by this after each further failure (with up to a
 *        fifth of jitter): a delivery's own failures, or, while a receiver is busy or down, the subscriber's failures
 *        in a row. Example: {@code 2}
 * @param maxDelay <b>Max delay.</b> Longest wait between attempts; a receiver's {@code Retry-After} (429, 503) is
 *        honoured up to it. Example: {@code 1h}
 * @param retireAfter <b>Retire after.</b> A subscriber whose route no instance has run for this long (its route
 *        file was removed) is retired: nothing new is queued for it; what it still has waits, shown on the admin
 *        page. Its route deployed again makes it active again. Well above the longest rolling deploy and above
 *        the poll interval. Example: {@code 1d}
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
