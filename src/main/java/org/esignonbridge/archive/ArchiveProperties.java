package org.esignonbridge.archive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The archive of completed contracts: the signed PDF and the audit certificate of every export
 * that passed the filters with status Complete.
 *
 * @param enabled whether completed contracts are archived; when false nothing is queued
 * @param directory where files are kept, as {@code yyyy/MM/<wfuid>/contract.pdf} and {@code certificate.pdf}
 * @param maxBytes largest file archived; a larger one is refused and recorded. Example: {@code 100MB}
 * @param allowedHosts comma-separated hosts files may be fetched from: a name ({@code esignon.net}) or
 *        every subdomain of one ({@code *.esignon.net}). Only https; redirects only to these hosts
 * @param allowInsecureLoopback for tests only: also fetch over http from loopback addresses
 * @param connectTimeout how long to wait for a connection
 * @param responseTimeout how long to wait for the response headers
 * @param downloadTimeout longest a whole download may take
 * @param pollInterval how often pending files are looked for
 * @param maxAttempts attempts (each with quick retries) before a file counts as failed
 * @param retryInitialDelay wait after the first failed attempt; it doubles after each one
 * @param retryMaxDelay longest wait between attempts
 */
@Validated
@ConfigurationProperties("esignon.archive")
public record ArchiveProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("./data/archive") Path directory,
        @DefaultValue("100MB") DataSize maxBytes,
        @DefaultValue({"esignon.net", "*.esignon.net"}) List<String> allowedHosts,
        @DefaultValue("false") boolean allowInsecureLoopback,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout,
        @DefaultValue("10m") Duration downloadTimeout,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("8") @Min(1) int maxAttempts,
        @DefaultValue("30s") Duration retryInitialDelay,
        @DefaultValue("1h") Duration retryMaxDelay) {
}
