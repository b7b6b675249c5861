package org.esignonbridge.operations;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code esignon.health.*}: what health calls late.
 *
 * @param backlogMaxAge a subscriber whose oldest waiting item is older than this makes health OUT_OF_SERVICE
 */
@Validated
@ConfigurationProperties("esignon.health")
public record HealthProperties(@NotNull Duration backlogMaxAge) {
}
