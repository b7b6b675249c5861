package org.esignonbridge.operations;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long raw bodies, which hold personal data, are kept.
 *
 * @param rawBodies <b>Keep raw bodies for.</b> Raw bodies ({@code esignon_export.raw_body},
 *        {@code esignon_rejected_export}) hold personal data: older than this, raw bodies of exports are cleared
 *        and rejected bodies deleted; parsed rows, hashes and the archive stay. {@code off} keeps them forever.
 *        Example: {@code 90d}
 * @param interval <b>Interval.</b> How often old bodies are looked for. Example: {@code 1h}
 * @param batchSize <b>Batch size.</b> Most rows one statement clears or deletes. Example: {@code 500}
 */
@Validated
@ConfigurationProperties("esignon.retention")
public record RetentionProperties(@DefaultValue("off") @NotNull String rawBodies, @DefaultValue("1h") @NotNull Duration interval,
                                  @DefaultValue("500") @Positive int batchSize) {

    /** The age past which bodies go, or empty when they are kept forever. */
    public Optional<Duration> maxAge() {
        return "off".equalsIgnoreCase(rawBodies.trim()) ? Optional.empty() : Optional.of(DurationStyle.detectAndParse(rawBodies.trim()));
    }

    @AssertTrue(message = "esignon.retention.raw-bodies must be off or a positive duration such as 90d")
    boolean isRawBodiesValid() {
        try {
            return maxAge().map(age -> !age.isNegative() && !age.isZero()).orElse(true);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
