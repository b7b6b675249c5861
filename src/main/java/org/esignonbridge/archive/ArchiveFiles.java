package org.esignonbridge.archive;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Exchange;
import org.esignonbridge.config.LastError;
import org.esignonbridge.config.RetryBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The archive's bookkeeping in {@code archive_file}: what is due, and what became of each file. */
@Component("archiveFiles")
public class ArchiveFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveFiles.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final ArchiveProperties properties;
    private final Clock clock;

    public ArchiveFiles(NamedParameterJdbcTemplate jdbc, ArchiveProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Pending files whose next attempt is due, oldest first. */
    public List<ArchiveFile> due() {
        return jdbc.query("SELECT f.id, f.export_id, f.wfuid, f.kind, f.source_url, f.attempts,"
                        + " COALESCE(e.workdatetime, e.received_at) AS completed_at"
                        + " FROM archive_file f JOIN esignon_export e ON e.id = f.export_id"
                        + " WHERE f.state = 'pending' AND (f.next_attempt_at IS NULL OR f.next_attempt_at <= :now)"
                        + " ORDER BY f.id LIMIT 20",
                Map.of("now", now()),
                (rs, n) -> new ArchiveFile(rs.getLong("id"), rs.getLong("export_id"), rs.getString("wfuid"),
                        rs.getString("kind"), rs.getString("source_url"), rs.getInt("attempts"),
                        rs.getObject("completed_at", Timestamp.class).toLocalDateTime()));
    }

    /** Whether the same document of the same contract is archived already (a later Complete export). */
    public boolean alreadyArchived(@Body ArchiveFile file) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM archive_file WHERE wfuid = :wfuid AND kind = :kind"
                        + " AND state = 'archived' AND id <> :id",
                Map.of("wfuid", file.wfuid(), "kind", file.kind(), "id", file.id()), Long.class) > 0;
    }

    public void skipAlreadyArchived(@Body ArchiveFile file) {
        finish(file, "already_archived", null);
    }

    public void archived(ArchiveFile file, ArchivedPdf pdf) {
        Map<String, Object> values = values(file, "archived", null);
        values.put("path", pdf.path().toString());
        values.put("size", pdf.size());
        values.put("sha256", pdf.sha256());
        values.put("type", pdf.contentType());
        jdbc.update("UPDATE archive_file SET state = :state, stored_path = :path, size_bytes = :size, sha256 = :sha256,"
                + " content_type = :type, fetched_at = :now, attempts = attempts + 1, last_error = NULL,"
                + " next_attempt_at = NULL WHERE id = :id", values);
    }

    /** Refused or a viewer link: recorded, never retried. */
    public void refused(@Body ArchiveFile file, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception reason) {
        String state = reason instanceof ViewerLinkException ? "viewer_link" : "refused";
        LOG.warn("Not archiving the {} of document {} from {}: {}", file.kind(), file.wfuid(), file.sourceUrl(), reason.getMessage());
        finish(file, state, reason.getMessage());
    }

    /** The attempt failed in a way that may pass: try again later, or give up after max-attempts. */
    public void retryLater(@Body ArchiveFile file, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error) {
        int attempts = file.attempts() + 1;
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (attempts >= properties.maxAttempts()) {
            LOG.warn("Giving up archiving the {} of document {} after {} attempts: {}", file.kind(), file.wfuid(), attempts, message);
            finish(file, "failed", message);
            return;
        }
        Map<String, Object> values = values(file, "pending", message);
        values.put("next", now().plus(new RetryBackoff(properties.retryInitialDelay(), properties.retryMaxDelay())
                .delayAfter(attempts)));
        jdbc.update("UPDATE archive_file SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next"
                + " WHERE id = :id", values);
    }

    private void finish(ArchiveFile file, String state, String error) {
        jdbc.update("UPDATE archive_file SET state = :state, attempts = attempts + 1, last_error = :error,"
                + " fetched_at = :now, next_attempt_at = NULL WHERE id = :id", values(file, state, error));
    }

    private Map<String, Object> values(ArchiveFile file, String state, String error) {
        Map<String, Object> values = new HashMap<>();
        values.put("id", file.id());
        values.put("state", state);
        values.put("error", LastError.fit(error));
        values.put("now", now());
        return values;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
