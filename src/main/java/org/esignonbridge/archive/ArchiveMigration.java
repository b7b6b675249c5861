package org.esignonbridge.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.esignonbridge.config.LowerCaseColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves a local archive to the s3 store (routes/migrate-archive-to-s3.camel.yaml): each file the
 * filesystem store archived is checked against the SHA-256 recorded when it was archived, put in the
 * bucket by the s3 store's own route, checked again there, and only then recorded at its object. A
 * file not moved keeps its path, so running the migration again goes on where it stopped.
 */
@Component("archiveMigration")
@ConditionalOnProperty(name = "esignon.archive.store", havingValue = "s3")
public class ArchiveMigration {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveMigration.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final S3Store store;
    private final AtomicInteger moved = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    public ArchiveMigration(NamedParameterJdbcTemplate jdbc, S3Store store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /** The archived files still on the local disk, oldest first. */
    public List<Map<String, Object>> pending() {
        moved.set(0);
        failed.set(0);
        return jdbc.query("SELECT f.id, f.export_id, f.wfuid, f.kind, f.source_url, f.stored_path, f.size_bytes, f.sha256,"
                + " f.content_type, e.workdatetime, e.received_at FROM archive_file f JOIN esignon_export e ON e.id = f.export_id"
                + " WHERE f.state = 'archived' AND f.stored_path NOT LIKE 's3://%' ORDER BY f.id", Map.of(), LowerCaseColumns.ROWS);
    }

    /** The local file as the s3 store takes it, once its bytes are those recorded when it was archived. */
    public FetchedPdf local(Map<String, Object> row) throws IOException, ArchiveConflictException {
        ArchiveFile file = new ArchiveFile(((Number) row.get("export_id")).longValue(), (String) row.get("wfuid"),
                (String) row.get("kind"), (String) row.get("source_url"), ArchiveFiles.completedAt(row));
        Path path = Path.of((String) row.get("stored_path"));
        String sha256 = PdfArchiver.sha256Of(path);
        if (!sha256.equals(row.get("sha256"))) {
            throw new ArchiveConflictException(path + " is not the file that was archived (its SHA-256 differs): not moved");
        }
        return new FetchedPdf(file, path, Files.size(path), sha256, (String) row.get("content_type"));
    }

    /** The object is in the bucket with the recorded SHA-256: the file's record now points at it. */
    public void moved(Map<String, Object> row, ArchivedPdf pdf) throws ArchiveConflictException {
        String key = pdf.location().substring(store.uri("").length());
        if (!row.get("sha256").equals(store.sha256At(key))) {
            throw new ArchiveConflictException(pdf.location() + " does not hold the SHA-256 recorded for " + row.get("stored_path"));
        }
        jdbc.update("UPDATE archive_file SET stored_path = :uri WHERE id = :id AND stored_path = :path",
                Map.of("uri", pdf.location(), "id", row.get("id"), "path", row.get("stored_path")));
        moved.incrementAndGet();
        LOG.info("Archive migration: {} moved to {}", row.get("stored_path"), pdf.location());
    }

    public void failed(Map<String, Object> row, Exception reason) {
        failed.incrementAndGet();
        LOG.warn("Archive migration: {} not moved: {}. Run the migration again once fixed.", row.get("stored_path"), reason.getMessage());
    }

    public String summary() {
        return "Archive migration to S3: " + moved.get() + " file(s) moved, " + failed.get() + " not moved"
                + (failed.get() > 0 ? " (see the warnings above; run it again once fixed)" : "");
    }
}
