package org.esignonbridge.sheets;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.google.api.services.sheets.v4.model.BatchUpdateValuesRequest;
import com.google.api.services.sheets.v4.model.ValueRange;
import org.esignonbridge.archive.ArchiveFile;
import org.esignonbridge.delivery.UndeliverableException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The document links ({@code esignon.sheets.document-links}): where each archived file is, written into the
 * row of its export in the columns {@code document} and {@code certificate}. The row is looked up by its
 * row key in the sheet as read just before the write, never by a row number remembered from the append:
 * staff sort, filter and insert rows. Writing the same value into the same cell again changes nothing, so
 * an attempt whose outcome is unknown is simply made again. Google has no conditional write: a sort in the
 * milliseconds between that read and the write is the one window left (docs/google.md says so).
 */
@Component("documentLinks")
public class DocumentLinks {

    /** The subscriber of routes/sync-sheet.camel.yaml: whether an export's row is still to come. */
    static final String SHEET = "sheet";
    /** What the google-drive store records: only such a link becomes a formula (nothing else is ever USER_ENTERED). */
    private static final Pattern DRIVE_LINK = Pattern.compile("https://drive\\.google\\.com/file/d/[A-Za-z0-9_-]+/view");
    private static final String RAW = "RAW";
    private static final String USER_ENTERED = "USER_ENTERED";

    /** An archived file: its archive_file row. */
    public record Link(long fileId, long exportId, String wfuid, String kind, String storedAt) {

        /** The column it goes in: {@code document} or {@code certificate}. */
        String column() {
            return kind;
        }

        /** What the cell gets, and how Google must read it. */
        String value() {
            if (DRIVE_LINK.matcher(storedAt).matches()) {
                String label = wfuid + "-" + new ArchiveFile(exportId, wfuid, kind, null, null).fileName();
                return "=HYPERLINK(\"" + storedAt + "\",\"" + label.replace("\"", "\"\"") + "\")";
            }
            return storedAt;
        }

        String valueInputOption() {
            return DRIVE_LINK.matcher(storedAt).matches() ? USER_ENTERED : RAW;
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final SheetLayout layout;
    private final SheetRowMapper rows;

    public DocumentLinks(NamedParameterJdbcTemplate jdbc, SheetLayout layout, SheetRowMapper rows) {
        this.jdbc = jdbc;
        this.layout = layout;
        this.rows = rows;
    }

    /**
     * The delivered files, from their archive records (header EsignonEventIds). A link needs no bytes: a body
     * a store opened as a stream is closed unread.
     */
    public List<Link> files(List<Long> eventIds, Object body) {
        for (Object file : body instanceof List<?> list ? list : Collections.singletonList(body)) {
            if (file instanceof Closeable stream) {
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // nothing was read from it
                }
            }
        }
        Map<Long, Link> byId = new HashMap<>();
        jdbc.query("SELECT id, export_id, wfuid, kind, stored_path FROM archive_file WHERE id IN (:ids)", Map.of("ids", eventIds),
                rs -> {
                    byId.put(rs.getLong(1), new Link(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                });
        return eventIds.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /**
     * The writes for the links, as one values.batchUpdate per kind of value (text RAW, a Drive link
     * USER_ENTERED: usually one), with the header's {@code document} and {@code certificate} cells after its
     * last used cell when missing. {@code firstRow} and {@code keyColumn} are the sheet's row 1 and row key
     * column as read just before.
     *
     * @throws RowNotInSheetException an export's row is still to be appended by the sheet: nothing is written
     * @throws UndeliverableException an export has no row and will get none (its row was deleted, or the sheet
     *         parked or never had it)
     */
    public List<BatchUpdateValuesRequest> requests(List<Link> links, ValueRange firstRow, ValueRange keyColumn)
            throws RowNotInSheetException, UndeliverableException {
        Map<String, List<Integer>> rowsByKey = new HashMap<>();
        List<List<Object>> keys = keyColumn == null || keyColumn.getValues() == null ? List.of() : keyColumn.getValues();
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) != null && !keys.get(i).isEmpty()) {
                rowsByKey.computeIfAbsent(Objects.toString(keys.get(i).get(0)).trim(), key -> new ArrayList<>()).add(i + 1);
            }
        }
        List<Link> missing = links.stream().filter(link -> !rowsByKey.containsKey(rowKey(link))).toList();
        if (!missing.isEmpty()) {
            notInSheet(missing);
        }
        List<Object> header = firstRow == null || firstRow.getValues() == null || firstRow.getValues().isEmpty()
                ? List.of() : firstRow.getValues().get(0);
        Map<String, Integer> columns = new LinkedHashMap<>();
        int last = layout.columns().size() - 1;   // never over the export's own columns, even under a cleared header
        for (int i = 0; i < header.size(); i++) {
            String name = Objects.toString(header.get(i), "").trim();
            if (!name.isEmpty()) {
                last = Math.max(last, i);
                columns.putIfAbsent(name, i);
            }
        }
        Map<String, List<ValueRange>> data = new LinkedHashMap<>();
        data.put(RAW, new ArrayList<>());
        data.put(USER_ENTERED, new ArrayList<>());
        List<ValueRange> headerCells = new ArrayList<>();
        for (String column : List.of(ArchiveFile.DOCUMENT, ArchiveFile.CERTIFICATE)) {
            if (!columns.containsKey(column)) {
                columns.put(column, ++last);   // after the user's last column: theirs never move
                headerCells.add(cell(last, 1, column));
            }
        }
        for (Link link : links) {
            for (int row : rowsByKey.get(rowKey(link))) {
                data.get(link.valueInputOption()).add(cell(columns.get(link.column()), row, link.value()));
            }
        }
        // the header's words read the same either way: they go with the first write
        data.values().stream().filter(cells -> !cells.isEmpty()).findFirst().orElse(data.get(RAW)).addAll(0, headerCells);
        return data.entrySet().stream().filter(cells -> !cells.getValue().isEmpty())
                .map(cells -> new BatchUpdateValuesRequest().setValueInputOption(cells.getKey()).setData(cells.getValue()))
                .toList();
    }

    /** Waits while the sheet is still to append a row; a row that will never come is undeliverable. */
    private void notInSheet(List<Link> missing) throws RowNotInSheetException, UndeliverableException {
        Map<Long, String> states = new HashMap<>();
        jdbc.query("SELECT export_id, state FROM delivery WHERE subscriber = :sheet AND export_id IN (:ids)",
                Map.of("sheet", SHEET, "ids", missing.stream().map(Link::exportId).toList()),
                rs -> {
                    states.put(rs.getLong(1), rs.getString(2));
                });
        List<Long> coming = missing.stream().map(Link::exportId).filter(id -> "pending".equals(states.get(id))).distinct().toList();
        if (!coming.isEmpty()) {
            throw new RowNotInSheetException("the sheet has not appended the row of export(s) " + coming
                    + " yet: the link waits for it");
        }
        Link first = missing.get(0);
        String state = states.get(first.exportId());
        throw new UndeliverableException("export " + first.exportId() + " has no row in the sheet (row key " + rowKey(first) + ") "
                + (state == null ? "and the sheet never had it to write"
                        : "delivered".equals(state) ? "any more: was it deleted? Replay once the row is back"
                        : "because its sheet delivery is " + state + ": replay it, then this one"));
    }

    private ValueRange cell(int column, int row, String value) {
        return new ValueRange().setRange(layout.cell(column, row)).setMajorDimension("ROWS").setValues(List.of(List.of(value)));
    }

    private String rowKey(Link link) {
        return rows.rowKey(link.exportId());
    }
}
