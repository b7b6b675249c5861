package org.esignonbridge.sheets;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.api.services.sheets.v4.model.AppendValuesResponse;
import com.google.api.services.sheets.v4.model.ValueRange;
import org.esignonbridge.config.LastError;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sheet's bookkeeping in SQL. A batch is recorded, and every attempt counted, before Google is
 * called; rows are marked sent only after Google confirmed the append or after reconciliation found
 * them in the sheet. That order makes a row appear once even when an answer is lost.
 */
@Component("sheetBatches")
public class SheetBatches {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final SheetsProperties properties;
    private final Clock clock;

    public SheetBatches(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction,
                        SheetsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /** An export as stored, with its params by id. */
    public record StoredExport(Map<String, Object> fields, Map<String, String> params) {
    }

    /**
     * The unfinished batch if there is one (unless it waits after an error retrying can't fix), else a
     * new batch of up to batch-size waiting rows; {@code null} when there is nothing to do.
     */
    public SheetBatch next() {
        return transaction.execute(status -> {
            List<Map<String, Object>> open = jdbc.queryForList(
                    "SELECT id, attempts, next_attempt_at FROM sheet_batch WHERE sent_at IS NULL ORDER BY id", Map.of());
            if (!open.isEmpty()) {
                Map<String, Object> batch = open.get(0);
                Object nextAttempt = batch.get("next_attempt_at");
                if (nextAttempt != null && now().isBefore(toLocalDateTime(nextAttempt))) {
                    return null;
                }
                long id = ((Number) batch.get("id")).longValue();
                return new SheetBatch(id, ((Number) batch.get("attempts")).intValue(), unsentRows(id));
            }
            List<Long> waiting = jdbc.queryForList(
                    "SELECT export_id FROM sheet_row WHERE sent_at IS NULL AND batch_id IS NULL ORDER BY export_id LIMIT "
                            + properties.batchSize(), Map.of(), Long.class);
            if (waiting.isEmpty()) {
                return null;
            }
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update("INSERT INTO sheet_batch (created_at, attempts) VALUES (:now, 0)",
                    new MapSqlParameterSource("now", now()), key, new String[] {"id"});
            long id = key.getKey().longValue();
            jdbc.update("UPDATE sheet_row SET batch_id = :batch WHERE export_id IN (:ids)",
                    new MapSqlParameterSource("batch", id).addValue("ids", waiting));
            return new SheetBatch(id, 0, waiting);
        });
    }

    /**
     * Counts the attempt, committed before any call to Google, and returns the batch as SQL now has it:
     * a retry of the same exchange must see the attempts made and the rows reconciled since.
     */
    public SheetBatch beginAttempt(SheetBatch batch) {
        return transaction.execute(status -> {
            int earlier = jdbc.queryForObject("SELECT attempts FROM sheet_batch WHERE id = :id",
                    Map.of("id", batch.id()), Integer.class);
            jdbc.update("UPDATE sheet_batch SET attempts = attempts + 1, last_attempt_at = :now WHERE id = :id",
                    Map.of("now", now(), "id", batch.id()));
            return new SheetBatch(batch.id(), earlier, unsentRows(batch.id()));
        });
    }

    /**
     * After an attempt whose outcome is unknown: the rows whose export id is already in the sheet
     * are marked sent; the batch keeps only the others.
     */
    public SheetBatch reconcile(SheetBatch batch, ValueRange idColumn) {
        Set<String> inSheet = idColumn == null || idColumn.getValues() == null ? Set.of()
                : idColumn.getValues().stream()
                        .filter(row -> row != null && !row.isEmpty())
                        .map(row -> Objects.toString(row.get(0)).trim())
                        .collect(Collectors.toSet());
        List<Long> written = batch.exportIds().stream().filter(id -> inSheet.contains(id.toString())).toList();
        if (!written.isEmpty()) {
            jdbc.update("UPDATE sheet_row SET sent_at = :now, last_error = NULL WHERE export_id IN (:ids)",
                    new MapSqlParameterSource("now", now()).addValue("ids", written));
        }
        List<Long> remaining = new ArrayList<>(batch.exportIds());
        remaining.removeAll(written);
        return batch.withExportIds(remaining);
    }

    /** Google confirmed the append (or there was nothing left to send): the batch and its rows are done. */
    public void sent(SheetBatch batch, Object response) {
        String updatedRange = response instanceof AppendValuesResponse append && append.getUpdates() != null
                ? append.getUpdates().getUpdatedRange() : null;
        transaction.executeWithoutResult(status -> {
            Map<String, Object> params = new HashMap<>();
            params.put("now", now());
            params.put("id", batch.id());
            params.put("range", updatedRange);
            jdbc.update("UPDATE sheet_row SET sent_at = :now, last_error = NULL WHERE batch_id = :id AND sent_at IS NULL", params);
            jdbc.update("UPDATE sheet_batch SET sent_at = :now, updated_range = :range, last_error = NULL,"
                    + " next_attempt_at = NULL WHERE id = :id", params);
        });
    }

    /** Records why the attempt failed on the batch and its waiting rows; {@code retryAfter} null means retry now. */
    public void failed(long batchId, String error, Duration retryAfter) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", batchId);
        params.put("error", LastError.fit(error));
        params.put("next", retryAfter == null ? null : now().plus(retryAfter));
        transaction.executeWithoutResult(status -> {
            jdbc.update("UPDATE sheet_batch SET last_error = :error, next_attempt_at = :next WHERE id = :id", params);
            jdbc.update("UPDATE sheet_row SET last_error = :error WHERE batch_id = :id AND sent_at IS NULL", params);
        });
    }

    /** The stored exports of the batch, in its order. */
    public List<StoredExport> exports(SheetBatch batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource ids = new MapSqlParameterSource("ids", batch.exportIds());
        Map<Long, Map<String, Object>> fields = new HashMap<>();
        for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM esignon_export WHERE id IN (:ids)", ids)) {
            fields.put(((Number) row.get("id")).longValue(), row);
        }
        Map<Long, Map<String, String>> params = new HashMap<>();
        jdbc.query("SELECT export_id, param_id, param_value FROM esignon_export_param WHERE export_id IN (:ids)"
                + " ORDER BY export_id, param_order", ids, rs -> {
                    params.computeIfAbsent(rs.getLong(1), id -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                });
        return batch.exportIds().stream()
                .map(id -> new StoredExport(fields.get(id), params.getOrDefault(id, Map.of())))
                .toList();
    }

    private List<Long> unsentRows(long batchId) {
        return jdbc.queryForList("SELECT export_id FROM sheet_row WHERE batch_id = :id AND sent_at IS NULL ORDER BY export_id",
                Map.of("id", batchId), Long.class);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    private static LocalDateTime toLocalDateTime(Object value) {
        return value instanceof java.sql.Timestamp ts ? ts.toLocalDateTime() : (LocalDateTime) value;
    }
}
