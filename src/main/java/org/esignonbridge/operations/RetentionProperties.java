package org.esignonbridge.operations;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code esignon.retention.*}: how long raw bodies, which hold personal data, are kept.
 *
 * @param rawBodies {@code off} (keep forever) or a duration such as {@code 90d}: older raw bodies of
 *                  exports are cleared and rejected bodies deleted
 * @param interval  how often old bodies are looked for
 * @param batchSize most rows one statement clears or deletes
 */
@Validated
@ConfigurationProperties("esignon.retention")
public record RetentionProperties(@NotNull String rawBodies, @NotNull Duration interval, @Positive int batchSize) {

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
