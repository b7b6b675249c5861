package org.esignonbridge.sheets;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.google.api.services.sheets.v4.model.ValueRange;
import org.springframework.stereotype.Component;

/**
 * Turns stored exports into sheet rows, every value as text (the sync writes with
 * {@code valueInputOption=RAW}, so a signer's {@code =IMPORTXML(...)} stays text), and puts the
 * header in front when the sheet has none yet.
 */
@Component("sheetRowMapper")
public class SheetRowMapper {

    private static final DateTimeFormatter RECEIVED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter WORKDATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SheetLayout layout;
    private final SheetBatches batches;

    public SheetRowMapper(SheetLayout layout, SheetBatches batches) {
        this.layout = layout;
        this.batches = batches;
    }

    /** The values one append writes for the batch; {@code firstRow} is the sheet's row 1 as read just before. */
    public ValueRange values(SheetBatch batch, ValueRange firstRow) {
        List<List<Object>> rows = new ArrayList<>();
        if (firstRow == null || firstRow.getValues() == null || firstRow.getValues().isEmpty()) {
            rows.add(layout.header());
        }
        for (SheetBatches.StoredExport export : batches.exports(batch)) {
            rows.add(row(export));
        }
        return new ValueRange().setMajorDimension("ROWS").setValues(rows);
    }

    List<Object> row(SheetBatches.StoredExport export) {
        List<Object> row = new ArrayList<>(layout.columns().size());
        for (String column : layout.columns()) {
            Object value = column.startsWith(SheetLayout.PARAM_PREFIX)
                    ? export.params().get(column.substring(SheetLayout.PARAM_PREFIX.length()))
                    : export.fields().get(SheetLayout.EXPORT_ID.equals(column) ? "id" : column);
            row.add(text(column, value));
        }
        return row;
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
