package org.esignonbridge.config;

import java.util.Locale;

import org.springframework.jdbc.core.ColumnMapRowMapper;

/** Rows as maps with column names in lower case on every database (H2 answers in upper case), as the admin API shows them. */
public final class LowerCaseColumns extends ColumnMapRowMapper {

    public static final LowerCaseColumns ROWS = new LowerCaseColumns();

    private LowerCaseColumns() {
    }

    @Override
    protected String getColumnKey(String column) {
        return column.toLowerCase(Locale.ROOT);
    }
}
