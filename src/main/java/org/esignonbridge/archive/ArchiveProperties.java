package org.esignonbridge.archive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The archive of completed contracts: the signed PDF and the audit certificate of every export
 * that passed the filters with status Complete.
 *
 * @param enabled whether completed contracts are archived (the archive route is deployed); retries
 *        follow esignon.delivery.*
 * @param directory where files are kept, as {@code yyyy/MM/<wfuid>/contract.pdf} and {@code certificate.pdf}
 * @param maxBytes largest file archived; a larger one is refused and recorded. Example: {@code 100MB}
 * @param allowedHosts comma-separated hosts files may be fetched from: a name ({@code esignon.net}) or
 *        every subdomain of one ({@code *.esignon.net}). Only https; redirects only to these hosts
 * @param allowInsecureLoopback for tests only: also fetch over http from loopback addresses
 * @param connectTimeout how long to wait for a connection
 * @param responseTimeout how long to wait for the response headers
 * @param downloadTimeout longest a whole download may take
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
        @DefaultValue("10m") Duration downloadTimeout) {
}
