package org.esignonbridge.receive;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The columns of {@code esignon_export} an export fills, in the table's order: the one list the
 * parser reads, the insert writes, the sheet may show and the Kamelet's description names
 * ({@code id}, the generated key, is not among them).
 */
public enum ExportColumn {

    DEDUPE_KEY(From.PRODUCT, 0, true),
    RECEIVED_AT(From.PRODUCT, 0, false),
    REQUEST_CODE(From.HEADER, 255, false),
    SESSION_ID(From.HEADER, 255, false),
    CLIENTID(From.BODY, 255, false),
    WFUID(From.BODY, 255, false),
    WFLUID(From.BODY, 255, false),
    PROCESSID(From.BODY, 255, false),
    ACTIONID(From.BODY, 255, false),
    REQUESTID(From.BODY, 255, false),
    WORKTYPE(From.BODY, 64, false),
    STATUS(From.BODY, 64, false),
    WORKDATETIME(From.BODY, 64, false),
    USEREMAIL(From.BODY, 320, false),
    OPINION(From.BODY, 0, false),
    USER_NAME(From.BODY, 255, false),
    NEXT_PLAY_USER(From.BODY, 320, false),
    NEXT_USER_NAME(From.BODY, 255, false),
    PLAY_URL(From.BODY, 2048, false),
    CERT_URL(From.BODY, 2048, false),
    DOWNLOAD_URL(From.BODY, 2048, false),
    EMBED_MODE(From.PRODUCT, 0, false),
    PASSED(From.PRODUCT, 0, true),
    EXCLUDED_REASON(From.PRODUCT, 0, true),
    RAW_BODY(From.PRODUCT, 0, true);

    /** Where a column's value comes from: the export's {@code header} or {@code body} field of the same name, or the product. */
    public enum From { HEADER, BODY, PRODUCT }

    private final From from;
    private final int maxLength;
    private final boolean bookkeeping;

    ExportColumn(From from, int maxLength, boolean bookkeeping) {
        this.from = from;
        this.maxLength = maxLength;
        this.bookkeeping = bookkeeping;
    }

    /** The column's name, also the field's name in the export and the row's key. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public From from() {
        return from;
    }

    /** The longest value the column holds (0: unlimited, or not text from eSignon). */
    public int maxLength() {
        return maxLength;
    }

    /** Kept for the product's own use (deduplication, filtering, the raw body): no sheet shows it. */
    public boolean bookkeeping() {
        return bookkeeping;
    }

    public static List<ExportColumn> from(From from) {
        return Arrays.stream(values()).filter(c -> c.from == from).toList();
    }
}
