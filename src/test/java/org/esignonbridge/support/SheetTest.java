package org.esignonbridge.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.esignonbridge.support.google.GoogleSheetsEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The product with its Google Sheet sync on, talking through the real Google client and the real
 * service-account token exchange to an emulator of Google's token endpoint and Sheets API (one
 * emulator for the whole run: the spreadsheet is emptied before every test).
 */
@TestPropertySource(properties = {   // compressed time (a test class may set its own): production settles for 2m
    "esignon.delivery.poll-interval=100ms", "esignon.sheets.read-timeout=2s", "esignon.sheets.settle-period=2500ms",
    "esignon.delivery.max-delay=3s"})
public abstract class SheetTest extends ProductTest {

    protected static final String SPREADSHEET = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms";
    protected static final String TAB = "Contracts";
    public static final GoogleSheetsEmulator GOOGLE = GoogleSheetsEmulator.start();

    @DynamicPropertySource
    static void google(DynamicPropertyRegistry registry) throws IOException {
        Path key = GOOGLE.writeServiceAccountKey(Files.createTempDirectory("google-key"));
        registry.add("esignon.sheets.enabled", () -> "true");
        registry.add("esignon.sheets.spreadsheet-id", () -> SPREADSHEET);
        registry.add("esignon.sheets.sheet", () -> TAB);
        registry.add("esignon.sheets.root-url", GOOGLE::rootUrl);
        registry.add("esignon.sheets.credentials-file", key::toString);
    }

    /** The sync is stopped while the tables and the spreadsheet are emptied, so no test sees another's rows. */
    @BeforeEach
    void emptySpreadsheet() throws Exception {
        camel.getRouteController().stopRoute(subscriberRoute("sheet"));
        TestDatabase.empty(jdbc, subscribers);
        GOOGLE.reset();
        GOOGLE.createSpreadsheet(SPREADSHEET, TAB);
        camel.getRouteController().startRoute(subscriberRoute("sheet"));
    }

    protected List<List<String>> sheetRows() {
        return GOOGLE.rows(SPREADSHEET, TAB);
    }

    /** The sample as the n-th distinct export (another step of the document). */
    protected static String distinctExport(String sample, int n) {
        return sample(sample).replace("\"actionid\": \"", "\"actionid\": \"" + n + "-");
    }
}
