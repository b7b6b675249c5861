package org.esignonbridge.sheets;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.api.services.sheets.v4.model.ValueRange;
import org.esignonbridge.delivery.UndeliverableException;
import org.springframework.stereotype.Component;

/**
 * Turns stored exports into sheet rows, every value as text (the sync writes with
 * {@code valueInputOption=RAW}, so a signer's {@code =IMPORTXML(...)} stays text), within Google's
 * limits, and puts the header in front when the sheet has none yet.
 */
@Component("sheetRowMapper")
public class SheetRowMapper {

    /** Google refuses a cell longer than this. */
    static final int MAX_CELL_CHARS = 50_000;
    /** Google refuses a request over 10 MB; the rest of the request's JSON stays well within the difference. */
    static final long MAX_REQUEST_BYTES = 9L * 1024 * 1024;
    static final String TRUNCATED = " [truncated by esignon-export-bridge: %d characters in all; the full text is in SQL]";

    private static final DateTimeFormatter RECEIVED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter WORKDATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SheetLayout layout;
    private final Installation installation;

    public SheetRowMapper(SheetLayout layout, Installation installation) {
        this.layout = layout;
        this.installation = installation;
    }

    /**
     * The values one append writes for the exports; {@code firstRow} is the sheet's row 1 as read just
     * before. A batch over Google's request size is refused so that the engine splits it.
     */
    public ValueRange values(List<Map<String, Object>> exports, ValueRange firstRow) throws UndeliverableException {
        List<List<Object>> rows = new ArrayList<>();
        if (firstRow == null || firstRow.getValues() == null || firstRow.getValues().isEmpty()) {
            rows.add(layout.header());
        }
        long bytes = 0;
        for (Map<String, Object> export : exports) {
            List<Object> row = row(export);
            for (Object cell : row) {
                bytes += cell.toString().getBytes(StandardCharsets.UTF_8).length * 2L + 4; // JSON escapes at worst double it
            }
            rows.add(row);
        }
        if (bytes > MAX_REQUEST_BYTES) {
            throw new UndeliverableException("the rows are larger than Google takes in one request (" + bytes + " bytes)");
        }
        return new ValueRange().setMajorDimension("ROWS").setValues(rows);
    }

    /** The exports whose row key is not in the sheet's row_key column yet (after an attempt whose outcome is unknown). */
    public List<Map<String, Object>> notInSheet(List<Map<String, Object>> exports, ValueRange keyColumn) {
        Set<String> inSheet = keyColumn == null || keyColumn.getValues() == null ? Set.of()
                : keyColumn.getValues().stream()
                        .filter(row -> row != null && !row.isEmpty())
                        .map(row -> Objects.toString(row.get(0)).trim())
                        .collect(Collectors.toSet());
        return exports.stream().filter(export -> !inSheet.contains(rowKey(export))).toList();
    }

    List<Object> row(Map<String, Object> export) {
        List<Object> row = new ArrayList<>(layout.columns().size());
        for (String column : layout.columns()) {
            Object value = column.startsWith(SheetLayout.PARAM_PREFIX)
                    ? ((Map<?, ?>) export.get("params")).get(column.substring(SheetLayout.PARAM_PREFIX.length()))
                    : SheetLayout.ROW_KEY.equals(column) ? rowKey(export)
                    : export.get(SheetLayout.EXPORT_ID.equals(column) ? "id" : column);
            row.add(fit(text(column, value)));
        }
        return row;
    }

    private String rowKey(Map<String, Object> export) {
        return rowKey(export.get("id"));
    }

    /** The row key of an export: this installation's id and the export id. */
    String rowKey(Object exportId) {
        return installation.id() + ":" + exportId;
    }

    /** A cell over Google's limit keeps its beginning and says it was cut: the row still reaches the sheet. */
    static String fit(String text) {
        if (text.length() <= MAX_CELL_CHARS) {
            return text;
        }
        String marker = TRUNCATED.formatted(text.length());
        return text.substring(0, MAX_CELL_CHARS - marker.length()) + marker;
    }

    private static String text(String column, Object value) {
        if (value == null) {
            return "";
        }
        LocalDateTime time = value instanceof Timestamp ts ? ts.toLocalDateTime()
                : value instanceof LocalDateTime ldt ? ldt : null;
        if (time != null) {
            return "received_at".equals(column) ? RECEIVED_AT.format(time) : WORKDATETIME.format(time);
        }
        return value.toString();
    }
}
