package org.esignonbridge.archive;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.esignonbridge.config.LastError;
import org.esignonbridge.delivery.Subscribers;
import org.esignonbridge.delivery.UndeliverableException;
import org.esignonbridge.delivery.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The archive's record in {@code archive_file}: what became of each file of a completed contract
 * (archived, viewer_link, declined, already_archived). Retrying and parking are the delivery engine's job.
 */
@Component("archiveFiles")
public class ArchiveFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveFiles.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Subscribers subscribers;
    private final Clock clock;
    private final Counter archivedBytes;

    public ArchiveFiles(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Subscribers subscribers, Clock clock,
                        MeterRegistry metrics) {
        this.archivedBytes = Counter.builder("esignon.archive.bytes").baseUnit("bytes")
                .description("Bytes of files archived").register(metrics);
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.subscribers = subscribers;
        this.clock = clock;
    }

    /**
     * The files of a completed export still to fetch: the signed PDF and the certificate, except a file
     * this export already archived (an earlier attempt) and a file of a contract archived from an
     * earlier export (recorded as already_archived, not fetched again).
     */
    public List<ArchiveFile> toFetch(Map<String, Object> export) {
        long exportId = ((Number) export.get("id")).longValue();
        String wfuid = (String) export.get("wfuid");
        LocalDateTime completedAt = completedAt(export);
        List<ArchiveFile> files = new ArrayList<>();
        for (String kind : List.of(ArchiveFile.DOCUMENT, ArchiveFile.CERTIFICATE)) {
            Object url = export.get(ArchiveFile.DOCUMENT.equals(kind) ? "download_url" : "cert_url");
            if (url == null || url.toString().isBlank()) {
                continue;
            }
            ArchiveFile file = new ArchiveFile(exportId, wfuid, kind, url.toString(), completedAt);
            Map<String, Object> key = Map.of("export", exportId, "wfuid", wfuid, "kind", kind);
            if (jdbc.queryForObject("SELECT COUNT(*) FROM archive_file WHERE export_id = :export AND kind = :kind"
                    + " AND state IN ('archived', 'already_archived')", key, Long.class) > 0) {
                continue;   // a declined file is fetched again when its contract is replayed
            }
            if (jdbc.queryForObject("SELECT COUNT(*) FROM archive_file WHERE wfuid = :wfuid AND kind = :kind AND state = 'archived'",
                    key, Long.class) > 0) {
                once(file, () -> record(file, "already_archived", null));
                continue;
            }
            files.add(file);
        }
        return files;
    }

    /** When a contract was completed: the export's workdatetime, else when it arrived. */
    static LocalDateTime completedAt(Map<String, Object> export) {
        Object completed = export.get("workdatetime") != null ? export.get("workdatetime") : export.get("received_at");
        return completed instanceof Timestamp ts ? ts.toLocalDateTime() : (LocalDateTime) completed;
    }

    /** The file is in the archive: recorded, and handed to the document-archived subscribers in the same transaction. */
    public void archived(ArchiveFile file, ArchivedPdf pdf) {
        once(file, () -> {
            transaction.executeWithoutResult(status -> {
                forgetDeclinedFile(file);
                MapSqlParameterSource values = values(file, "archived", null)
                        .addValue("path", pdf.location()).addValue("size", pdf.size())
                        .addValue("sha256", pdf.sha256()).addValue("type", pdf.contentType());
                GeneratedKeyHolder key = new GeneratedKeyHolder();
                jdbc.update("INSERT INTO archive_file (export_id, wfuid, kind, source_url, state, stored_path, size_bytes, sha256,"
                        + " content_type, fetched_at) VALUES (:export, :wfuid, :kind, :url, :state, :path, :size, :sha256, :type, :now)",
                        values, key, new String[] {"id"});
                subscribers.fanOut(List.of(new Subscribers.Queued(key.getKey().longValue(), file.exportId(), Event.DOCUMENT_ARCHIVED)));
            });
            archivedBytes.increment(pdf.size());
        });
    }

    /**
     * Declined or a viewer link: recorded on the file (the trail shows which and why) in place of an
     * earlier declined file of it; {@link #declinedFiles} then reports it to the delivery engine.
     */
    public void declined(ArchiveFile file, Exception reason) {
        String state = reason instanceof ViewerLinkException ? "viewer_link" : "declined";
        LOG.warn("Not archiving the {} of document {} from {}: {}", file.kind(), file.wfuid(), file.sourceUrl(), reason.getMessage());
        once(file, () -> transaction.executeWithoutResult(status -> {
            forgetDeclinedFile(file);
            record(file, state, reason.getMessage());
        }));
    }

    /**
     * After the contract's files: a file that was declined makes the delivery engine park the contract
     * with the reason, as the sheet's undeliverable rows are (one set of states for every subscriber), instead of
     * a delivered event with a side state. Retrying cannot help; replaying it after a fix fetches it again.
     */
    public void declinedFiles(long exportId) throws UndeliverableException {
        List<String> reasons = jdbc.queryForList("SELECT kind, last_error FROM archive_file WHERE export_id = :export"
                + " AND state IN ('declined', 'viewer_link') ORDER BY id", Map.of("export", exportId)).stream()
                .map(row -> row.get("kind") + ": " + row.get("last_error")).toList();
        if (!reasons.isEmpty()) {
            throw new UndeliverableException("not archived, " + String.join("; ", reasons));
        }
    }

    /**
     * Records a file at most once (archive_file is unique on export and kind): when another instance
     * finished the same contract first (this one's claim ran out while it worked), its row stands and
     * this one's transaction, its hand-over to the document-archived subscribers included, is rolled back.
     */
    private void once(ArchiveFile file, Runnable record) {
        try {
            record.run();
        } catch (DuplicateKeyException recordedAlready) {
            LOG.info("The {} of document {} (export {}) was recorded by another instance first: its record stands",
                    file.kind(), file.wfuid(), file.exportId());
        }
    }

    /**
     * Looked for first: on MariaDB a DELETE that matches nothing still locks the gap in the unique index,
     * and two instances recording files of neighbouring exports then deadlock on their inserts.
     */
    private void forgetDeclinedFile(ArchiveFile file) {
        MapSqlParameterSource key = values(file, null, null);
        String declined = " FROM archive_file WHERE export_id = :export AND kind = :kind AND state IN ('declined', 'viewer_link')";
        if (jdbc.queryForObject("SELECT COUNT(*)" + declined, key, Long.class) > 0) {
            jdbc.update("DELETE" + declined, key);
        }
    }

    private void record(ArchiveFile file, String state, String error) {
        jdbc.update("INSERT INTO archive_file (export_id, wfuid, kind, source_url, state, last_error, fetched_at)"
                + " VALUES (:export, :wfuid, :kind, :url, :state, :error, :now)", values(file, state, error));
    }

    private MapSqlParameterSource values(ArchiveFile file, String state, String error) {
        Map<String, Object> values = new HashMap<>();
        values.put("export", file.exportId());
        values.put("wfuid", file.wfuid());
        values.put("kind", file.kind());
        values.put("url", file.sourceUrl());
        values.put("state", state);
        values.put("error", LastError.fit(error));
        values.put("now", LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
        return new MapSqlParameterSource(values);
    }
}
