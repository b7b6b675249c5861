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
 * @param directory <b>Spool folder.</b> Where exports wait, as files, while the database is unreachable; they
 *        are answered {@code "spooled": true} and stored once it is back. <b>Must be on persistent storage</b>
 *        (a volume that survives a restart of the container or machine, not its temporary layer): a spooled
 *        export exists only there until it is stored. One product instance per folder. Example:
 *        {@code /var/lib/esignon-bridge/spool}
 * @param retryInterval <b>Retry interval.</b> Wait before the spool tries the database again after a failure.
 *        Example: {@code 5s}
 */
@Validated
@ConfigurationProperties("esignon.spool")
public record SpoolProperties(
        @DefaultValue("./data/spool") @NotNull Path directory,
        @DefaultValue("5s") Duration retryInterval) {
}
