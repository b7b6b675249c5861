package org.esignonbridge.support.google;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.sheets.v4.Sheets;
import com.google.api.services.sheets.v4.SheetsScopes;
import com.google.api.services.sheets.v4.model.AppendValuesResponse;
import com.google.api.services.sheets.v4.model.UpdateValuesResponse;
import com.google.api.services.sheets.v4.model.ValueRange;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves {@link GoogleSheetsEmulator} against the real Google client, built the way production builds it. */
class GoogleSheetsEmulatorTest {

    private static final String ID = "sheet-123";
    private static final String KOREAN_TAB = "계약 2026";
    private static final String FORMULA = "=IMPORTXML(\"http://evil/\",\"//a\")";

    @TempDir
    static Path keys;
    static GoogleSheetsEmulator emulator;
    static Path keyFile;
    static Sheets sheets;

    @BeforeAll
    static void startEmulator() throws IOException {
        emulator = GoogleSheetsEmulator.start();
        keyFile = emulator.writeServiceAccountKey(keys);
        sheets = client(keyFile, 0);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void freshData() {
        emulator.reset();
        emulator.createSpreadsheet(ID, "Contracts", KOREAN_TAB);
    }

    /** As production builds it; a read timeout other than 0 wraps the adapter, as production could. */
    private static Sheets client(Path key, int readTimeoutMillis) throws IOException {
        GoogleCredentials credentials;
        try (InputStream in = Files.newInputStream(key)) {
            credentials = ServiceAccountCredentials.fromStream(in).createScoped(SheetsScopes.SPREADSHEETS);
        }
        HttpCredentialsAdapter adapter = new HttpCredentialsAdapter(credentials);
        HttpRequestInitializer initializer = readTimeoutMillis == 0 ? adapter : request -> {
            adapter.initialize(request);
            request.setReadTimeout(readTimeoutMillis);
        };
        return new Sheets.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), initializer)
                .setRootUrl(emulator.rootUrl())
                .setApplicationName("test")
                .build();
    }

    private static AppendValuesResponse append(Sheets client, String range, List<List<Object>> rows) throws IOException {
        return client.spreadsheets().values().append(ID, range, new ValueRange().setValues(rows))
                .setValueInputOption("RAW").setInsertDataOption("INSERT_ROWS").execute();
    }

    private static AppendValuesResponse append(String range, List<List<Object>> rows) throws IOException {
        return append(sheets, range, rows);
    }

    private static List<List<Object>> row(Object... values) {
        return List.of(List.of(values));
    }

    @Test
    void exchangesTheGeneratedKeyForOneTokenAndRejectsAForeignKey() throws Exception {
        Sheets fresh = client(emulator.writeServiceAccountKey(keys), 0);
        append(fresh, "'Contracts'!A1", row("C-1"));
        fresh.spreadsheets().values().get(ID, "Contracts!A:A").execute();

        assertThat(emulator.tokenRequests()).isEqualTo(1);
        GoogleSheetsEmulator.RecordedRequest tokenRequest = emulator.requests().get(0);
        assertThat(tokenRequest.rawPath()).isEqualTo("/token");
        assertThat(tokenRequest.body()).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer");

        // same client_email and private_key_id as a real key, but signed by a key the emulator never issued
        ObjectMapper json = new ObjectMapper();
        ObjectNode forged = (ObjectNode) json.readTree(keyFile.toFile());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        forged.put("private_key", GoogleSheetsEmulator.privateKeyPem(generator.generateKeyPair().getPrivate()));
        Path forgedFile = keys.resolve("forged.json");
        Files.writeString(forgedFile, json.writeValueAsString(forged));

        Sheets impostor = client(forgedFile, 0);
        assertThatThrownBy(() -> append(impostor, "Contracts!A1", row("C-2")))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(GoogleJsonResponseException.class)
                .hasMessageContaining("invalid_grant")
                .hasMessageContaining("Invalid JWT Signature");
        assertThat(emulator.tokenRequests()).isEqualTo(2);
        assertThat(emulator.appendCalls()).isEqualTo(1);
        assertThat(emulator.rows(ID, "Contracts")).containsExactly(List.of("C-1"));
    }

    @Test
    void roundTripsAKoreanTabAndKeepsAFormulaAsTextWithRaw() throws IOException {
        AppendValuesResponse appended = append("'" + KOREAN_TAB + "'!A1", row("C-1", FORMULA, 42, 1.5));

        assertThat(appended.getSpreadsheetId()).isEqualTo(ID);
        assertThat(appended.getTableRange()).isNull();
        assertThat(appended.getUpdates().getUpdatedRange()).isEqualTo("'계약 2026'!A1:D1");
        assertThat(appended.getUpdates().getUpdatedCells()).isEqualTo(4);

        ValueRange read = sheets.spreadsheets().values().get(ID, "'" + KOREAN_TAB + "'!A:Z").execute();
        // Google quotes a name that is not a plain identifier; INSERT_ROWS grew the 1000-row grid by one
        assertThat(read.getRange()).isEqualTo("'계약 2026'!A1:Z1001");
        assertThat(read.getValues()).containsExactly(List.of("C-1", FORMULA, "42", "1.5"));
        assertThat(emulator.rows(ID, KOREAN_TAB)).containsExactly(List.of("C-1", FORMULA, "42", "1.5"));
        assertThat(emulator.valueInputOptions()).containsExactly("RAW");
        assertThat(emulator.formulasWritten()).isEmpty();

        // the same text through USER_ENTERED would become a formula: the emulator records that
        sheets.spreadsheets().values().update(ID, "Contracts!B2", new ValueRange().setValues(row(FORMULA)))
                .setValueInputOption("USER_ENTERED").execute();
        assertThat(emulator.formulasWritten()).containsExactly(FORMULA);
        assertThat(emulator.valueInputOptions()).containsExactly("RAW", "USER_ENTERED");

        // the client gzips the body and percent-encodes the range in the path
        GoogleSheetsEmulator.RecordedRequest request = emulator.requests().stream()
                .filter(r -> r.rawPath().endsWith(":append")).findFirst().orElseThrow();
        assertThat(request.contentEncoding()).isEqualTo("gzip");
        assertThat(request.rawQuery()).contains("valueInputOption=RAW").contains("insertDataOption=INSERT_ROWS");
        assertThat(GoogleSheetsEmulator.decodePath(request.rawPath()))
                .isEqualTo("/v4/spreadsheets/" + ID + "/values/'" + KOREAN_TAB + "'!A1:append");
    }

    @Test
    void unescapesDoubledQuotesInATabName() throws IOException {
        emulator.createSpreadsheet(ID, "Kim's list");

        AppendValuesResponse appended = append("'Kim''s list'!A1:B1", row("C-1", "x"));
        assertThat(appended.getUpdates().getUpdatedRange()).isEqualTo("'Kim''s list'!A1:B1");
        assertThat(sheets.spreadsheets().values().get(ID, "'Kim''s list'!A1:B1").execute().getValues())
                .containsExactly(List.of("C-1", "x"));
    }

    @Test
    void appendsAfterExistingRowsAndReadsTheUsualRanges() throws IOException {
        emulator.seedRows(ID, "Contracts", List.of(List.of("id", "name", "amount"), List.of("C-1", "Kim", 100)));

        AppendValuesResponse appended = append("Contracts!A:A", List.of(List.of("C-2", "Lee", 200), List.of("C-3", "Park")));
        assertThat(appended.getTableRange()).isEqualTo("Contracts!A1:C2");
        assertThat(appended.getUpdates().getUpdatedRange()).isEqualTo("Contracts!A3:C4");
        assertThat(appended.getUpdates().getUpdatedRows()).isEqualTo(2);
        assertThat(appended.getUpdates().getUpdatedColumns()).isEqualTo(3);
        assertThat(appended.getUpdates().getUpdatedCells()).isEqualTo(5);
        assertThat(append("'Contracts'", row("C-4")).getUpdates().getUpdatedRange()).isEqualTo("Contracts!A5");

        assertThat(emulator.rows(ID, "Contracts")).containsExactly(
                List.of("id", "name", "amount"), List.of("C-1", "Kim", "100"), List.of("C-2", "Lee", "200"),
                List.of("C-3", "Park"), List.of("C-4"));
        Sheets.Spreadsheets.Values values = sheets.spreadsheets().values();
        assertThat(values.get(ID, "Contracts!1:1").execute().getValues()).containsExactly(List.of("id", "name", "amount"));
        assertThat(values.get(ID, "Contracts!C:C").execute().getValues())
                .containsExactly(List.of("amount"), List.of("100"), List.of("200"));
        assertThat(values.get(ID, "Contracts!A2:B3").execute().getValues())
                .containsExactly(List.of("C-1", "Kim"), List.of("C-2", "Lee"));
        assertThat(values.get(ID, "Contracts!A1").execute().getRange()).isEqualTo("Contracts!A1");
        // the three rows inserted (INSERT_ROWS) grew the 1000-row grid
        assertThat(values.get(ID, "Contracts").execute().getRange()).isEqualTo("Contracts!A1:Z1003");
        assertThat(values.get(ID, "Contracts!D2:F10").execute().getValues()).isNull();

        UpdateValuesResponse updated = values.update(ID, "Contracts!A1:C1", new ValueRange().setValues(row("ID", "Name", "Amount")))
                .setValueInputOption("RAW").execute();
        assertThat(updated.getUpdatedRange()).isEqualTo("Contracts!A1:C1");
        assertThat(emulator.rows(ID, "Contracts").get(0)).containsExactly("ID", "Name", "Amount");
        assertThat(emulator.writeCalls()).isEqualTo(3);
        assertThat(emulator.appliedAppends()).isEqualTo(2);
    }

    @Test
    void answersNotFoundForbiddenAndBadRangeLikeGoogle() {
        GoogleJsonResponseException missing = catchThrowableOfType(GoogleJsonResponseException.class,
                () -> sheets.spreadsheets().values().get("no-such-sheet", "Contracts!A:A").execute());
        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(missing.getDetails().getMessage()).isEqualTo("Requested entity was not found.");

        emulator.forbid(ID, true);
        GoogleJsonResponseException forbidden = catchThrowableOfType(GoogleJsonResponseException.class,
                () -> append("Contracts!A1", row("C-1")));
        assertThat(forbidden.getStatusCode()).isEqualTo(403);
        assertThat(forbidden.getDetails().getMessage()).isEqualTo("The caller does not have permission");
        emulator.forbid(ID, false);

        GoogleJsonResponseException badRange = catchThrowableOfType(GoogleJsonResponseException.class,
                () -> append("'No such tab'!A1", row("C-1")));
        assertThat(badRange.getStatusCode()).isEqualTo(400);
        assertThat(badRange.getDetails().getMessage()).isEqualTo("Unable to parse range: 'No such tab'!A1");
        assertThat(emulator.appliedAppends()).isZero();
    }

    @Test
    void requiresABearerTokenAndTheClientRefreshesARevokedOne() throws IOException {
        HttpURLConnection anonymous = (HttpURLConnection) URI.create(
                emulator.rootUrl() + "v4/spreadsheets/" + ID + "/values/Contracts").toURL().openConnection();
        assertThat(anonymous.getResponseCode()).isEqualTo(401);
        try (InputStream error = anonymous.getErrorStream()) {
            assertThat(new String(error.readAllBytes(), UTF_8)).contains("\"status\":\"UNAUTHENTICATED\"");
        }

        emulator.revokeTokens();
        append("Contracts!A1", row("C-1"));
        assertThat(emulator.tokenRequests()).isEqualTo(1);
        assertThat(emulator.appendCalls()).isEqualTo(2);
        assertThat(emulator.appliedAppends()).isEqualTo(1);
    }

    @Test
    void failsTheNextWriteWith429AndRetryAfterWithoutApplyingIt() throws IOException {
        emulator.failNextWrites(1, 429, 7);

        GoogleJsonResponseException quota = catchThrowableOfType(GoogleJsonResponseException.class,
                () -> append("Contracts!A1", row("C-1")));
        assertThat(quota.getStatusCode()).isEqualTo(429);
        assertThat(quota.getHeaders().getRetryAfter()).isEqualTo("7");
        assertThat(quota.getDetails().get("status")).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(emulator.rows(ID, "Contracts")).isEmpty();

        append("Contracts!A1", row("C-1"));
        assertThat(emulator.rows(ID, "Contracts")).containsExactly(List.of("C-1"));
    }

    @Test
    void appliesThenFailsWith500() {
        emulator.applyThenFailNextWrites(1, 500);

        GoogleJsonResponseException failure = catchThrowableOfType(GoogleJsonResponseException.class,
                () -> append("Contracts!A1", row("C-1")));
        assertThat(failure.getStatusCode()).isEqualTo(500);
        assertThat(failure.getDetails().get("status")).isEqualTo("INTERNAL");
        assertThat(emulator.rows(ID, "Contracts")).containsExactly(List.of("C-1"));
    }

    @Test
    void appliesThenDropsTheConnection() throws IOException {
        emulator.applyThenDropNextWrites(1);

        assertThatThrownBy(() -> append("Contracts!A1", row("C-1")))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(GoogleJsonResponseException.class)
                .hasMessageContaining("Unexpected end of file from server");
        // applied exactly once: the JDK client did not silently resend the POST
        assertThat(emulator.appendCalls()).isEqualTo(1);
        assertThat(emulator.rows(ID, "Contracts")).containsExactly(List.of("C-1"));

        append("Contracts!A1", row("C-2"));
        assertThat(emulator.rows(ID, "Contracts")).containsExactly(List.of("C-1"), List.of("C-2"));
    }

    @Test
    void appliesThenHangsPastTheClientReadTimeoutWithoutBlockingOtherCalls() throws IOException {
        emulator.applyThenHangNextWrites(1, Duration.ofSeconds(30));
        Sheets impatient = client(keyFile, 300);

        assertThatThrownBy(() -> append(impatient, "Contracts!A1", row("C-1"))).isInstanceOf(SocketTimeoutException.class);
        assertThat(emulator.rows(ID, "Contracts")).containsExactly(List.of("C-1"));
        // the hanging answer still holds a server thread; other calls go through meanwhile
        assertThat(sheets.spreadsheets().values().get(ID, "Contracts!A:A").execute().getValues())
                .containsExactly(List.of("C-1"));
    }

    @Test
    void delaysEveryApiAnswer() throws IOException {
        emulator.delayResponses(Duration.ofMillis(400));
        Sheets impatient = client(keyFile, 200);

        assertThatThrownBy(() -> impatient.spreadsheets().values().get(ID, "Contracts!A:A").execute())
                .isInstanceOf(SocketTimeoutException.class);
        emulator.delayResponses(Duration.ZERO);
        assertThat(impatient.spreadsheets().values().get(ID, "Contracts!A:A").execute().getValues()).isNull();
    }

    @Test
    void enforcesAPerMinuteWriteQuota() throws IOException {
        emulator.writeQuotaPerMinute(2);
        append("Contracts!A1", row("C-1"));
        append("Contracts!A1", row("C-2"));

        GoogleJsonResponseException quota = catchThrowableOfType(GoogleJsonResponseException.class,
                () -> append("Contracts!A1", row("C-3")));
        assertThat(quota.getStatusCode()).isEqualTo(429);
        assertThat(quota.getDetails().getMessage()).startsWith("Quota exceeded for quota metric 'Write requests'");
        assertThat(quota.getHeaders().getRetryAfter()).isNull();
        assertThat(emulator.rows(ID, "Contracts")).containsExactly(List.of("C-1"), List.of("C-2"));
        // reads are not limited by the write quota
        assertThat(sheets.spreadsheets().values().get(ID, "Contracts").execute().getValues()).hasSize(2);
    }

    @Test
    void refusesACellOverGooglesLimitAndARequestOverItsSize() {
        GoogleJsonResponseException cell = catchThrowableOfType(GoogleJsonResponseException.class,
                () -> append("Contracts!A1", row("x".repeat(GoogleSheetsEmulator.MAX_CELL_CHARS + 1))));
        assertThat(cell.getStatusCode()).isEqualTo(400);
        assertThat(cell.getDetails().getMessage()).contains("50000 characters in a single cell");

        List<Object> big = java.util.Collections.nCopies(220, "y".repeat(GoogleSheetsEmulator.MAX_CELL_CHARS));
        GoogleJsonResponseException size = catchThrowableOfType(GoogleJsonResponseException.class,
                () -> append("Contracts!A1", List.of(big)));
        assertThat(size.getStatusCode()).isEqualTo(400);
        assertThat(size.getDetails().getMessage()).startsWith("Request payload size exceeds the limit");
        assertThat(emulator.rows(ID, "Contracts")).isEmpty();
    }

    @Test
    void googlesWriteQuotaIsOnByDefault() throws IOException {
        emulator.reset();
        emulator.createSpreadsheet(ID, "Contracts");
        for (int n = 0; n < GoogleSheetsEmulator.DEFAULT_WRITE_QUOTA; n++) {
            append("Contracts!A1", row("C-" + n));
        }

        GoogleJsonResponseException quota = catchThrowableOfType(GoogleJsonResponseException.class,
                () -> append("Contracts!A1", row("one too many")));
        assertThat(quota.getStatusCode()).isEqualTo(429);
    }

    @Test
    void answersWithGooglesHtmlErrorPage() {
        emulator.failNextWritesWithHtml(1, 502);

        com.google.api.client.http.HttpResponseException failure = catchThrowableOfType(
                com.google.api.client.http.HttpResponseException.class, () -> append("Contracts!A1", row("C-1")));
        assertThat(failure.getStatusCode()).isEqualTo(502);
        assertThat(failure.getContent()).contains("<html").contains("That’s an error.");
        assertThat(emulator.rows(ID, "Contracts")).isEmpty();
    }

    @Test
    void appliesAWriteAfterTheClientStoppedWaiting() throws IOException {
        emulator.applyLateNextWrites(1, Duration.ofMillis(600));
        Sheets impatient = client(keyFile, 200);

        assertThatThrownBy(() -> append(impatient, "Contracts!A1", row("late")))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(emulator.rows(ID, "Contracts")).isEmpty();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> emulator.rows(ID, "Contracts").equals(List.of(List.of("late"))));
    }
}
