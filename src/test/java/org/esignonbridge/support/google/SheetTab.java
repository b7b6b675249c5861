package org.esignonbridge.support.google;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One tab of an emulated spreadsheet: a sparse grid of cells plus Google's grid size (1000 x 26 for a new tab). */
final class SheetTab {

    /** What a write stored: a String, BigDecimal or Boolean, and whether USER_ENTERED made it a formula. */
    record Cell(Object value, boolean formula) {

        /** The FORMATTED_VALUE rendering; formulas are not evaluated, their text is shown. */
        String formatted() {
            if (value instanceof BigDecimal number) {
                return plain(number).toPlainString();
            }
            if (value instanceof Boolean bool) {
                return bool ? "TRUE" : "FALSE";
            }
            return String.valueOf(value);
        }

        /** The UNFORMATTED_VALUE rendering: numbers stay numbers (42.0 becomes 42). */
        Object unformatted() {
            return value instanceof BigDecimal number ? plain(number) : value;
        }

        private static BigDecimal plain(BigDecimal number) {
            BigDecimal stripped = number.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
    }

    final int sheetId;
    final String name;
    int rowCount = 1000;
    int columnCount = 26;
    private final List<List<Cell>> rows = new ArrayList<>();

    SheetTab(int sheetId, String name) {
        this.sheetId = sheetId;
        this.name = name;
    }

    Cell get(int row, int column) {
        if (row >= rows.size()) {
            return null;
        }
        List<Cell> cells = rows.get(row);
        return cells == null || column >= cells.size() ? null : cells.get(column);
    }

    /** Stores a cell ({@code null} clears it) and grows the grid the way an append does. */
    void put(int row, int column, Cell cell) {
        while (rows.size() <= row) {
            rows.add(null);
        }
        List<Cell> cells = rows.get(row);
        if (cells == null) {
            cells = new ArrayList<>();
            rows.set(row, cells);
        }
        while (cells.size() <= column) {
            cells.add(null);
        }
        cells.set(column, cell);
        rowCount = Math.max(rowCount, row + 1);
        columnCount = Math.max(columnCount, column + 1);
    }

    /** INSERT_ROWS: shifts everything from {@code at} down by {@code count} rows. */
    void insertRows(int at, int count) {
        if (at < rows.size()) {
            rows.addAll(at, Collections.nCopies(count, null));
        }
        rowCount += count;
    }

    /** Staff sorting the rows from {@code fromRow} down by a column (empty cells last), as the UI's "Sort range" does. */
    void sortRows(int fromRow, int column, boolean ascending) {
        if (fromRow >= rows.size()) {
            return;
        }
        java.util.Comparator<List<Cell>> byColumn = java.util.Comparator.comparing(
                cells -> cells == null || column >= cells.size() || cells.get(column) == null ? null : cells.get(column).formatted(),
                java.util.Comparator.nullsLast(ascending ? java.util.Comparator.<String>naturalOrder() : java.util.Comparator.<String>reverseOrder()));
        List<List<Cell>> sorted = new ArrayList<>(rows.subList(fromRow, rows.size()));
        sorted.sort(byColumn);
        for (int i = 0; i < sorted.size(); i++) {
            rows.set(fromRow + i, sorted.get(i));
        }
    }

    /** Last row (0-based) holding a value within the columns, at or below {@code fromRow}; -1 if none. */
    int lastNonEmptyRow(int fromRow, int fromColumn, int toColumn) {
        for (int row = rows.size() - 1; row >= fromRow; row--) {
            if (rowHasValue(row, fromColumn, toColumn)) {
                return row;
            }
        }
        return -1;
    }

    int firstNonEmptyRow(int fromRow, int fromColumn, int toColumn) {
        for (int row = fromRow; row < rows.size(); row++) {
            if (rowHasValue(row, fromColumn, toColumn)) {
                return row;
            }
        }
        return -1;
    }

    /** Last column holding a value within the block; -1 if none. */
    int lastNonEmptyColumn(int fromRow, int toRow, int fromColumn, int toColumn) {
        int last = -1;
        for (int row = fromRow; row <= toRow && row < rows.size(); row++) {
            List<Cell> cells = rows.get(row);
            if (cells == null) {
                continue;
            }
            for (int column = Math.min(toColumn, cells.size() - 1); column > last && column >= fromColumn; column--) {
                if (cells.get(column) != null) {
                    last = column;
                    break;
                }
            }
        }
        return last;
    }

    private boolean rowHasValue(int row, int fromColumn, int toColumn) {
        List<Cell> cells = rows.get(row);
        if (cells == null) {
            return false;
        }
        for (int column = fromColumn; column <= toColumn && column < cells.size(); column++) {
            if (cells.get(column) != null) {
                return true;
            }
        }
        return false;
    }

    /** Every row as formatted strings, trailing empty rows and cells left off, gaps as "". */
    List<List<String>> formattedRows() {
        int last = lastNonEmptyRow(0, 0, Integer.MAX_VALUE);
        List<List<String>> result = new ArrayList<>();
        for (int row = 0; row <= last; row++) {
            List<Cell> cells = rows.get(row);
            List<String> values = new ArrayList<>();
            int lastColumn = lastNonEmptyColumn(row, row, 0, Integer.MAX_VALUE);
            for (int column = 0; column <= lastColumn; column++) {
                Cell cell = cells.get(column);
                values.add(cell == null ? "" : cell.formatted());
            }
            result.add(Collections.unmodifiableList(values));
        }
        return Collections.unmodifiableList(result);
    }
}
