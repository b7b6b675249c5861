package org.esignonbridge.support.google;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed A1 range such as {@code 'Contracts 2026'!A2:F10}, resolved against the tabs of one spreadsheet.
 * Rows and columns are 0-based; {@link #OPEN} marks an end that runs to the end of the grid
 * ({@code A:A} has an open end row, {@code 1:1} an open end column).
 */
record A1Range(String tab, int startRow, int startColumn, int endRow, int endColumn) {

    static final int OPEN = -1;

    private static final Pattern CELL = Pattern.compile("\\$?([A-Za-z]{0,3})\\$?([0-9]{0,7})");
    // Google leaves a tab name unquoted in its answers only when it is a plain identifier.
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LOOKS_LIKE_CELL = Pattern.compile("(?i)[A-Z]{1,3}[0-9]+|R[0-9]*C[0-9]*");

    /** Thrown for a range Google would answer with "Unable to parse range". */
    static final class UnparsableRangeException extends Exception {
        UnparsableRangeException(String range) {
            super("Unable to parse range: " + range);
        }
    }

    /**
     * Parses {@code text} (already URL-decoded). A name without {@code !} is a tab when such a tab exists,
     * otherwise a cell range on the first tab, as Google does.
     */
    static A1Range parse(String text, List<String> tabs) throws UnparsableRangeException {
        String tabPart;
        String cellPart;
        if (text.startsWith("'")) {
            StringBuilder name = new StringBuilder();
            int i = 1;
            while (true) {
                if (i >= text.length()) {
                    throw new UnparsableRangeException(text);
                }
                char c = text.charAt(i);
                if (c == '\'') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        name.append('\'');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                name.append(c);
                i++;
            }
            tabPart = name.toString();
            if (i == text.length()) {
                cellPart = null;
            } else if (text.charAt(i) == '!') {
                cellPart = text.substring(i + 1);
            } else {
                throw new UnparsableRangeException(text);
            }
        } else {
            int bang = text.lastIndexOf('!');
            if (bang >= 0) {
                tabPart = text.substring(0, bang);
                cellPart = text.substring(bang + 1);
            } else if (find(tabs, text) != null) {
                tabPart = text;
                cellPart = null;
            } else {
                tabPart = tabs.isEmpty() ? null : tabs.get(0);
                cellPart = text;
            }
        }
        String tab = tabPart == null ? null : find(tabs, tabPart);
        if (tab == null) {
            throw new UnparsableRangeException(text);
        }
        if (cellPart == null) {
            return new A1Range(tab, 0, 0, OPEN, OPEN);
        }
        return cells(tab, cellPart, text);
    }

    private static A1Range cells(String tab, String cellPart, String text) throws UnparsableRangeException {
        String[] ends = cellPart.split(":", -1);
        if (ends.length > 2 || cellPart.isEmpty()) {
            throw new UnparsableRangeException(text);
        }
        int[] start = ref(ends[0], text);
        if (ends.length == 1) {
            // a lone reference must be a whole cell: "A1" is fine, "A" or "1" are not
            if (start[0] == OPEN || start[1] == OPEN) {
                throw new UnparsableRangeException(text);
            }
            return new A1Range(tab, start[0], start[1], start[0], start[1]);
        }
        int[] end = ref(ends[1], text);
        int startRow = start[0] == OPEN ? 0 : start[0];
        int startColumn = start[1] == OPEN ? 0 : start[1];
        int endRow = end[0];
        int endColumn = end[1];
        if (endRow != OPEN && endRow < startRow) {
            int swap = endRow;
            endRow = startRow;
            startRow = swap;
        }
        if (endColumn != OPEN && endColumn < startColumn) {
            int swap = endColumn;
            endColumn = startColumn;
            startColumn = swap;
        }
        return new A1Range(tab, startRow, startColumn, endRow, endColumn);
    }

    /** Returns {row, column}, each {@link #OPEN} when that half of the reference is missing. */
    private static int[] ref(String ref, String text) throws UnparsableRangeException {
        Matcher m = CELL.matcher(ref);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            throw new UnparsableRangeException(text);
        }
        int column = m.group(1).isEmpty() ? OPEN : columnIndex(m.group(1));
        int row = OPEN;
        if (!m.group(2).isEmpty()) {
            row = Integer.parseInt(m.group(2)) - 1;
            if (row < 0) {
                throw new UnparsableRangeException(text);
            }
        }
        return new int[] {row, column};
    }

    /** Tab names match exactly first, then ignoring case, as in the Sheets UI. */
    private static String find(List<String> tabs, String name) {
        for (String tab : tabs) {
            if (tab.equals(name)) {
                return tab;
            }
        }
        for (String tab : tabs) {
            if (tab.equalsIgnoreCase(name)) {
                return tab;
            }
        }
        return null;
    }

    boolean singleCell() {
        return startRow == endRow && startColumn == endColumn;
    }

    static int columnIndex(String letters) {
        int index = 0;
        for (char c : letters.toUpperCase(Locale.ROOT).toCharArray()) {
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }

    static String columnLetters(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    /** The tab name as Google writes it in answers: bare when it is a plain identifier, else single-quoted. */
    static String quoteTab(String tab) {
        if (PLAIN_NAME.matcher(tab).matches() && !LOOKS_LIKE_CELL.matcher(tab).matches()) {
            return tab;
        }
        return "'" + tab.replace("'", "''") + "'";
    }

    /** Formats a bounded block (0-based, inclusive) as Google does, e.g. {@code Sheet1!A5:F7} or {@code Sheet1!A5}. */
    static String format(String tab, int startRow, int startColumn, int endRow, int endColumn) {
        String from = columnLetters(startColumn) + (startRow + 1);
        String to = columnLetters(endColumn) + (endRow + 1);
        return quoteTab(tab) + "!" + (from.equals(to) ? from : from + ":" + to);
    }
}
