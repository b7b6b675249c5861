package org.esignonbridge.sheets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.esignonbridge.receive.ExportColumn;
import org.springframework.stereotype.Component;

/**
 * Which columns the sheet has ({@code esignon.sheets.columns}), their header, and the A1 ranges
 * the sync reads and writes.
 */
@Component("sheetLayout")
public class SheetLayout {

    static final String EXPORT_ID = "export_id";
    /** installation id and export id: what reconciliation looks for, unique to this installation and export */
    static final String ROW_KEY = "row_key";
    static final String PARAM_PREFIX = "param:";

    /** Stored fields a column may show (the export's columns but its bookkeeping); the raw body stays in SQL. */
    static final Set<String> FIELDS = fields();

    private final List<String> columns;
    private final String quotedSheet;

    public SheetLayout(SheetsProperties properties) {
        List<String> configured = properties.columns().stream().map(String::trim).filter(c -> !c.isEmpty()).toList();
        for (String column : configured) {
            boolean param = column.startsWith(PARAM_PREFIX) && column.length() > PARAM_PREFIX.length();
            if (!param && !FIELDS.contains(column)) {
                throw new IllegalArgumentException("esignon.sheets.columns: unknown column '" + column
                        + "'; use one of " + FIELDS + " or param:<param_id>");
            }
        }
        List<String> all = new ArrayList<>(configured);
        if (!all.contains(EXPORT_ID)) {
            all.add(0, EXPORT_ID);
        }
        if (!all.contains(ROW_KEY)) {
            all.add(ROW_KEY);
        }
        this.columns = List.copyOf(all);
        this.quotedSheet = "'" + properties.sheet().replace("'", "''") + "'";
    }

    public List<String> columns() {
        return columns;
    }

    /** The header row: the column names, params without their prefix. */
    public List<Object> header() {
        return columns.stream().<Object>map(c -> c.startsWith(PARAM_PREFIX) ? c.substring(PARAM_PREFIX.length()) : c).toList();
    }

    /** Where rows are appended: Google finds the table in these columns and writes below it. */
    public String appendRange() {
        return quotedSheet + "!A:" + letter(columns.size() - 1);
    }

    public String headerRange() {
        return quotedSheet + "!1:1";
    }

    /** The column holding row keys, read to find out which rows an interrupted append wrote. */
    public String keyColumnRange() {
        String letter = letter(columns.indexOf(ROW_KEY));
        return quotedSheet + "!" + letter + ":" + letter;
    }

    /** One cell: column index (0 is A) and row number (1 is the header). */
    public String cell(int column, int row) {
        return quotedSheet + "!" + letter(column) + row;
    }

    private static Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>(List.of(EXPORT_ID));
        for (ExportColumn column : ExportColumn.values()) {
            if (!column.bookkeeping()) {
                fields.add(column.column());
            }
        }
        fields.add(ROW_KEY);
        return Collections.unmodifiableSet(fields);
    }

    static String letter(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }
}
