package org.esignonbridge.operations;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When health calls a subscriber late.
 *
 * @param backlogMaxAge <b>Backlog max age.</b> A subscriber whose oldest waiting delivery is older than this makes
 *        {@code /actuator/health} OUT_OF_SERVICE. Example: {@code 30m}
 */
@Validated
@ConfigurationProperties("esignon.health")
public record HealthProperties(@DefaultValue("1h") @NotNull Duration backlogMaxAge) {
}
