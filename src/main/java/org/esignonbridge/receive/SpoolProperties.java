package org.esignonbridge.receive;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The spool: where exports wait, on disk, while the database is unreachable.
 *
 * @param directory where spooled exports are kept until they are stored. Must be on persistent
 *        storage (not a container's temporary layer): an export answered {@code "spooled": true} lives
 *        only there until the database is back. Example: {@code /var/lib/esignon-bridge/spool}
 * @param retryInterval how long the spool waits before trying the database again after a failure.
 *        Example: {@code 5s}
 */
@Validated
@ConfigurationProperties("esignon.spool")
public record SpoolProperties(
        @DefaultValue("./data/spool") @NotNull Path directory,
        @DefaultValue("5s") Duration retryInterval) {
}
