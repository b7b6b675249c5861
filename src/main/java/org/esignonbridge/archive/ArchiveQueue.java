package org.esignonbridge.archive;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.esignonbridge.receive.ExportQueue;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Queues the signed PDF and the certificate of every completed contract for the archive. */
@Component
@ConditionalOnProperty(name = "esignon.archive.enabled", havingValue = "true", matchIfMissing = true)
public class ArchiveQueue implements ExportQueue {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ArchiveQueue(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void enqueue(long exportId, Map<String, Object> export) {
        if (!"Complete".equals(export.get("status"))) {
            return;
        }
        queue(exportId, export, ArchiveFile.DOCUMENT, export.get("download_url"));
        queue(exportId, export, ArchiveFile.CERTIFICATE, export.get("cert_url"));
    }

    private void queue(long exportId, Map<String, Object> export, String kind, Object url) {
        if (url == null || url.toString().isBlank()) {
            return;
        }
        jdbc.update("INSERT INTO archive_file (export_id, wfuid, kind, source_url, state, queued_at, attempts)"
                        + " VALUES (?, ?, ?, ?, 'pending', ?, 0)",
                exportId, export.get("wfuid"), kind, url.toString(), LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
    }
}
