package org.esignonbridge.support.google;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.esignonbridge.support.google.A1Range.UnparsableRangeException;
import org.esignonbridge.support.google.SheetTab.Cell;

/**
 * An in-memory stand-in for the Google Sheets v4 values API and Google's OAuth token endpoint, good enough for
 * the real Google client libraries ({@code Sheets}, {@code ServiceAccountCredentials}) to talk to it unchanged:
 * point the client's root URL at {@link #rootUrl()} and load the key file from {@link #writeServiceAccountKey}.
 *
 * <p>It checks what Google checks (RS256 JWT signed by a key it issued, bearer tokens on every call, spreadsheet,
 * permission and range), answers in Google's JSON error format, and can inject the failures a real integration
 * meets: quota 429s with or without Retry-After, 5xx before or after the write took effect, dropped connections,
 * hanging and slow responses. Everything is thread-safe; the server listens on 127.0.0.1 on an ephemeral port.
 */
public final class GoogleSheetsEmulator implements AutoCloseable {

    /** The OAuth scope every token request must ask for. */
    public static final String SPREADSHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets";
    /** The audience google-auth-library puts in its JWT whatever the key file's token_uri says. */
    public static final String GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token";

    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String SERVICE_ACCOUNT_EMAIL = "esignon-bridge@emulator.iam.gserviceaccount.com";
    private static final String PROJECT_ID = "emulator";
    private static final String CLIENT_ID = "100000000000000000001";
    private static final String API_PREFIX = "/v4/spreadsheets/";
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    /** Marks a JSON null in written values: Google leaves that cell as it was. */
    private static final Cell SKIP = new Cell(null, false);

    /** One request as it reached the emulator, and when; the body is after gzip decoding. */
    public record RecordedRequest(String method, String rawPath, String rawQuery, String contentEncoding, String body, Instant at) {

        /** A {@code values.append} call. */
        public boolean append() {
            return method.equals("POST") && rawPath.endsWith(":append");
        }
    }

    private enum FaultKind { FAIL, FAIL_HTML, APPLY_THEN_FAIL, APPLY_THEN_DROP, APPLY_THEN_HANG, APPLY_LATE }

    private record Fault(FaultKind kind, int status, Integer retryAfterSeconds, Duration hang) {}

    private record Filter(int column, String shown) {}

    /** Google refuses a cell longer than this. */
    public static final int MAX_CELL_CHARS = 50_000;
    /** Google refuses a request body larger than this. */
    public static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    /** Google's default write quota per minute per user, on unless a test turns it off. */
    public static final int DEFAULT_WRITE_QUOTA = 60;

    /**
     * What to answer; {@code drop} closes the connection instead, {@code hang} waits first, and
     * {@code afterHang} runs once the wait is over (a write applied when the client stopped waiting).
     */
    private record Reply(int status, String body, Map<String, String> headers, boolean drop, Duration hang, Runnable afterHang) {
        Reply(int status, String body, Map<String, String> headers, boolean drop, Duration hang) {
            this(status, body, headers, drop, hang, null);
        }

        static Reply json(int status, JsonNode body) {
            return new Reply(status, body.toString(), Map.of(), false, Duration.ZERO);
        }

        /** Like Google's front end when the service behind it is down: an HTML page, not JSON. */
        static Reply html(int status) {
            return new Reply(status, "<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Error " + status
                    + " (Server Error)!!1</title><p><b>" + status + ".</b> <ins>That’s an error.</ins><p>"
                    + "The server encountered a temporary error and could not complete your request.<p>"
                    + "Please try again in 30 seconds. <ins>That’s all we know.</ins>",
                    Map.of("Content-Type", "text/html; charset=UTF-8"), false, Duration.ZERO);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, more, drop, hang, afterHang);
        }
    }

    private static final class Spreadsheet {
        final Map<String, SheetTab> tabs = new LinkedHashMap<>();
        int nextSheetId;

        SheetTab addTab(String name) {
            // the first tab of a new spreadsheet has sheetId 0, as in Google
            SheetTab tab = new SheetTab(nextSheetId == 0 ? 0 : 100_000 + nextSheetId, name);
            nextSheetId++;
            tabs.put(name, tab);
            return tab;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String rootUrl;
    private final SecureRandom random = new SecureRandom();
    /** private_key_id -> key pair of every key file this emulator wrote. */
    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
    /** access token -> expiry. */
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    /** access token -> the scopes it was issued for (Drive checks them). */
    private final Map<String, Set<String>> tokenScopes = new ConcurrentHashMap<>();
    /** The Drive v3 files API beside the Sheets API. */
    private final GoogleDriveFiles drive;
    private volatile Duration responseDelay = Duration.ZERO;
    /** Counted down by reset() and close() so hanging or delayed answers go out at once. */
    private volatile CountDownLatch release = new CountDownLatch(1);

    private final Object lock = new Object();
    // guarded by lock
    private final Map<String, Spreadsheet> spreadsheets = new HashMap<>();
    private final Set<String> forbidden = new HashSet<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Deque<Long> quotaWindow = new ArrayDeque<>();
    private final List<String> valueInputOptions = new ArrayList<>();
    private final List<String> formulas = new ArrayList<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    /** By spreadsheet id and tab: the filter staff set in the UI. */
    private final Map<String, Filter> filters = new HashMap<>();
    private int quotaPerMinute = DEFAULT_WRITE_QUOTA;
    private Integer outageStatus;
    private String refusedText;
    private int tokenFailures;
    private int tokenFailureStatus;
    private int tokenRequests;
    private int readCalls;
    private int writeCalls;
    private int appendCalls;
    private int appliedWrites;
    private int appliedAppends;

    private GoogleSheetsEmulator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        AtomicInteger threads = new AtomicInteger();
        // a pool, so that a hanging answer never holds up the next request
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "google-sheets-emulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        rootUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        drive = new GoogleDriveFiles(rootUrl, this::scopesOf);
    }

    /** Google Drive's files, folders and faults (the archive's google-drive store). */
    public GoogleDriveFiles drive() {
        return drive;
    }

    /** The scopes of a valid access token; null when it is unknown or expired. */
    private Set<String> scopesOf(String token) {
        Instant expiry = tokens.get(token);
        return expiry == null || expiry.isBefore(Instant.now()) ? null : tokenScopes.getOrDefault(token, Set.of());
    }

    /** Starts an emulator on 127.0.0.1 and an ephemeral port; close it when done. */
    public static GoogleSheetsEmulator start() {
        try {
            return new GoogleSheetsEmulator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root URL to give {@code Sheets.Builder.setRootUrl}, e.g. {@code http://127.0.0.1:41234/}. */
    public String rootUrl() {
        return rootUrl;
    }

    /** The OAuth token endpoint; it is the {@code token_uri} of the key files this emulator writes. */
    public String tokenUri() {
        return rootUrl + "token";
    }

    /** The client_email of every key file this emulator writes. */
    public String serviceAccountEmail() {
        return SERVICE_ACCOUNT_EMAIL;
    }

    /** Stops the server; hanging and delayed answers are released first. */
    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- keys and tokens

    /**
     * Generates a fresh RSA-2048 key pair, remembers it, and writes it as a Google service-account JSON key file
     * (client_email {@link #serviceAccountEmail()}, token_uri {@link #tokenUri()}) into {@code directory}.
     * Every key written stays valid for the emulator's lifetime.
     *
     * @return the path of the key file
     */
    public Path writeServiceAccountKey(Path directory) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair pair = generator.generateKeyPair();
            byte[] id = new byte[20];
            random.nextBytes(id);
            String keyId = HexFormat.of().formatHex(id);
            keys.put(keyId, pair);

            ObjectNode json = JSON.createObjectNode();
            json.put("type", "service_account");
            json.put("project_id", PROJECT_ID);
            json.put("private_key_id", keyId);
            json.put("private_key", privateKeyPem(pair.getPrivate()));
            json.put("client_email", SERVICE_ACCOUNT_EMAIL);
            json.put("client_id", CLIENT_ID);
            json.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
            json.put("token_uri", tokenUri());
            json.put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs");
            json.put("client_x509_cert_url",
                    "https://www.googleapis.com/robot/v1/metadata/x509/" + SERVICE_ACCOUNT_EMAIL.replace("@", "%40"));
            json.put("universe_domain", "googleapis.com");

            Files.createDirectories(directory);
            Path file = directory.resolve("service-account-" + keyId.substring(0, 8) + ".json");
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8 PEM as found in Google key files; package-private so tests can forge keys the emulator never issued. */
    static String privateKeyPem(PrivateKey key) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** How many requests reached the token endpoint (including failed and injected failures). */
    public int tokenRequests() {
        synchronized (lock) {
            return tokenRequests;
        }
    }

    /**
     * Makes the next {@code count} token requests fail with {@code status} (400 answers invalid_grant).
     * Note google-auth-library retries 408, 429, 500 and 503 on its own with back-off, so a 5xx costs real time.
     */
    public void failTokenRequests(int count, int status) {
        synchronized (lock) {
            tokenFailures = count;
            tokenFailureStatus = status;
        }
    }

    /** Forgets every issued access token, so the next API call gets 401 and the client must fetch a new one. */
    public void revokeTokens() {
        tokens.clear();
    }

    // ---------------------------------------------------------------- data

    /** Creates (or replaces) an empty spreadsheet with these tabs; "Sheet1" when none is given. */
    public void createSpreadsheet(String id, String... tabs) {
        Spreadsheet spreadsheet = new Spreadsheet();
        for (String tab : tabs.length == 0 ? new String[] {"Sheet1"} : tabs) {
            spreadsheet.addTab(tab);
        }
        synchronized (lock) {
            spreadsheets.put(id, spreadsheet);
        }
    }

    /**
     * Puts rows into a tab from A1 as if a person had typed them before the test (RAW, not counted as a call).
     * Values may be String, Number, Boolean or null (left empty).
     */
    public void seedRows(String id, String tab, List<? extends List<?>> rows) {
        synchronized (lock) {
            SheetTab sheet = tab(id, tab);
            for (int r = 0; r < rows.size(); r++) {
                List<?> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    Object value = row.get(c);
                    if (value instanceof Number number) {
                        value = new BigDecimal(number.toString());
                    } else if (value != null && !(value instanceof Boolean)) {
                        value = value.toString();
                    }
                    sheet.put(r, c, value == null || "".equals(value) ? null : new Cell(value, false));
                }
            }
        }
    }

    /** Makes every call on this spreadsheet answer 403 PERMISSION_DENIED (or stop doing so). */
    public void forbid(String id, boolean forbid) {
        synchronized (lock) {
            if (forbid) {
                forbidden.add(id);
            } else {
                forbidden.remove(id);
            }
        }
    }

    /**
     * The tab's rows as strings (numbers without a trailing ".0", booleans TRUE/FALSE, formulas as their text),
     * trailing empty rows and cells left off, empty cells in between as "".
     */
    public List<List<String>> rows(String id, String tab) {
        synchronized (lock) {
            return tab(id, tab).formattedRows();
        }
    }

    /** Whether a cell (0-based row and column) holds a formula that a USER_ENTERED write made. */
    public boolean formula(String id, String tab, int row, int column) {
        synchronized (lock) {
            Cell cell = tab(id, tab).get(row, column);
            return cell != null && cell.formula();
        }
    }

    // ---------------------------------------------------------------- what staff do in the UI

    /** Staff sort the data rows (row 2 down, the header stays) by a column (0 is A). */
    public void sortRows(String id, String tab, int column, boolean ascending) {
        synchronized (lock) {
            tab(id, tab).sortRows(1, column, ascending);
        }
    }

    /** Staff insert {@code count} empty rows above row number {@code row} (1 is the header). */
    public void insertRowsAbove(String id, String tab, int row, int count) {
        synchronized (lock) {
            tab(id, tab).insertRows(row - 1, count);
        }
    }

    /**
     * Staff filter the tab to the data rows whose column holds {@code shown} (null: no filter). Only the UI hides
     * the others: they keep their row numbers, and the values API reads and writes them as before.
     */
    public void filterRows(String id, String tab, int column, String shown) {
        synchronized (lock) {
            filters.put(id + "/" + tab, shown == null ? null : new Filter(column, shown));
        }
    }

    /**
     * The tab as the Sheets UI shows it, as an HTML page (for a screenshot): column letters, row numbers, rows a
     * filter hides left out, a HYPERLINK formula shown as its link.
     */
    public String gridHtml(String id, String tab) {
        synchronized (lock) {
            SheetTab sheet = tab(id, tab);
            Filter filter = filters.get(id + "/" + tab);
            List<List<String>> rows = sheet.formattedRows();
            int width = rows.stream().mapToInt(List::size).max().orElse(0);
            StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=utf-8><title>")
                    .append(escape(tab)).append("</title><style>body{font:13px Arial,sans-serif;margin:0}"
                            + "table{border-collapse:collapse}td,th{border:1px solid #e2e3e3;padding:3px 6px;white-space:nowrap}"
                            + "th{background:#f8f9fa;color:#5f6368;font-weight:normal}tr:first-child td{font-weight:bold}"
                            + "a{color:#1155cc}</style></head><body><table><tr><th></th>");
            for (int c = 0; c < width; c++) {
                html.append("<th>").append(A1Range.columnLetters(c)).append("</th>");
            }
            html.append("</tr>");
            for (int r = 0; r < rows.size(); r++) {
                if (r > 0 && filter != null && !filter.shown().equals(cellText(rows.get(r), filter.column()))) {
                    continue;
                }
                html.append("<tr><th>").append(r + 1).append("</th>");
                for (int c = 0; c < width; c++) {
                    Cell cell = sheet.get(r, c);
                    html.append("<td>").append(cell == null ? "" : cell.formula() ? shownFormula(cell.formatted()) : escape(cell.formatted()))
                            .append("</td>");
                }
                html.append("</tr>");
            }
            return html.append("</table></body></html>").toString();
        }
    }

    private static String cellText(List<String> row, int column) {
        return column < row.size() ? row.get(column) : "";
    }

    /** A HYPERLINK formula as the UI shows it: its label, linked; any other formula as its text. */
    private static String shownFormula(String formula) {
        java.util.regex.Matcher link = Pattern.compile("=HYPERLINK\\(\"((?:[^\"]|\"\")*)\",\\s*\"((?:[^\"]|\"\")*)\"\\)").matcher(formula);
        return link.matches() ? "<a href=\"" + escape(link.group(1).replace("\"\"", "\"")) + "\">"
                + escape(link.group(2).replace("\"\"", "\"")) + "</a>" : escape(formula);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private SheetTab tab(String id, String tab) {
        Spreadsheet spreadsheet = spreadsheets.get(id);
        if (spreadsheet == null || !spreadsheet.tabs.containsKey(tab)) {
            throw new IllegalArgumentException("No tab '" + tab + "' in spreadsheet " + id);
        }
        return spreadsheet.tabs.get(tab);
    }

    // ---------------------------------------------------------------- what was received

    /** The valueInputOption of every write received (null where the request had none), in order. */
    public List<String> valueInputOptions() {
        synchronized (lock) {
            return Collections.unmodifiableList(new ArrayList<>(valueInputOptions));
        }
    }

    /** Every string that a USER_ENTERED write turned into a formula (starts with "="), in order. */
    public List<String> formulasWritten() {
        synchronized (lock) {
            return List.copyOf(formulas);
        }
    }

    /** Every request received (token endpoint included), in order. */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** Append requests received, whatever became of them. */
    public int appendCalls() {
        synchronized (lock) {
            return appendCalls;
        }
    }

    /** Write requests (append and update) received, whatever became of them: rejected, failed or applied. */
    public int writeCalls() {
        synchronized (lock) {
            return writeCalls;
        }
    }

    /** Read requests (values get and spreadsheet get) received. */
    public int readCalls() {
        synchronized (lock) {
            return readCalls;
        }
    }

    /** Appends whose values went into the sheet (including those answered with an injected failure afterwards). */
    public int appliedAppends() {
        synchronized (lock) {
            return appliedAppends;
        }
    }

    /** Appends and updates whose values went into the sheet. */
    public int appliedWrites() {
        synchronized (lock) {
            return appliedWrites;
        }
    }

    // ---------------------------------------------------------------- faults

    /**
     * The next {@code count} writes (append or update) are answered with {@code status} and not applied:
     * 429 RESOURCE_EXHAUSTED, 500 INTERNAL, 503 UNAVAILABLE... With {@code retryAfterSeconds} a
     * {@code Retry-After} header is added. Faults queue up and are used in the order they were set.
     */
    public void failNextWrites(int count, int status, Integer retryAfterSeconds) {
        queue(count, new Fault(FaultKind.FAIL, status, retryAfterSeconds, Duration.ZERO));
    }

    /**
     * Writes whose values contain {@code text} are refused with 400, as Google refuses a value it cannot
     * take for a reason a client did not foresee; null accepts everything again.
     */
    public void refuseValuesContaining(String text) {
        synchronized (lock) {
            refusedText = text;
        }
    }

    /** The next {@code count} writes are answered with Google front end's HTML error page ({@code status} 502 or 503), not applied. */
    public void failNextWritesWithHtml(int count, int status) {
        queue(count, new Fault(FaultKind.FAIL_HTML, status, null, Duration.ZERO));
    }

    /**
     * The next {@code count} writes get no answer for {@code after}, and are applied only then: a client
     * that timed out meanwhile sees a failure, and the rows appear in the sheet afterwards.
     */
    public void applyLateNextWrites(int count, Duration after) {
        queue(count, new Fault(FaultKind.APPLY_LATE, 0, null, after));
    }

    /** The next {@code count} writes are applied, then answered with {@code status} (a lost success). */
    public void applyThenFailNextWrites(int count, int status) {
        queue(count, new Fault(FaultKind.APPLY_THEN_FAIL, status, null, Duration.ZERO));
    }

    /** The next {@code count} writes are applied, then the connection is closed without any answer. */
    public void applyThenDropNextWrites(int count) {
        queue(count, new Fault(FaultKind.APPLY_THEN_DROP, 0, null, Duration.ZERO));
    }

    /**
     * The next {@code count} writes are applied, then answered normally only after {@code hang}
     * (or at once on {@link #reset()} / {@link #close()}), to trip the client's read timeout.
     */
    public void applyThenHangNextWrites(int count, Duration hang) {
        queue(count, new Fault(FaultKind.APPLY_THEN_HANG, 0, null, hang));
    }

    /** Injected faults not met yet (each is used by one write). */
    public int faultsLeft() {
        synchronized (lock) {
            return faults.size();
        }
    }

    /**
     * Google down: every Sheets API call, read or write, is answered {@code status} (503 UNAVAILABLE,
     * say) and nothing is applied, until {@code outage(null)}. Tokens are still issued.
     */
    public void outage(Integer status) {
        synchronized (lock) {
            outageStatus = status;
        }
    }

    private void queue(int count, Fault fault) {
        synchronized (lock) {
            for (int i = 0; i < count; i++) {
                faults.add(fault);
            }
        }
    }

    /** Delays every Sheets API answer, reads and writes alike, by {@code delay}; {@link Duration#ZERO} turns it off. */
    public void delayResponses(Duration delay) {
        responseDelay = delay;
    }

    /**
     * Like Google's per-minute write quota: once {@code limit} writes were let through in the last 60 seconds,
     * further writes get 429 RESOURCE_EXHAUSTED without Retry-After and are not applied (nor counted against
     * the window). On by default with Google's 60; 0 turns the quota off.
     */
    public void writeQuotaPerMinute(int limit) {
        synchronized (lock) {
            quotaPerMinute = limit;
            quotaWindow.clear();
        }
    }

    /**
     * Drops every spreadsheet, fault, counter, recorded request and delay, sets the quota back to Google's
     * default, and releases hanging answers.
     * Keys and issued tokens stay valid, so clients built earlier keep working without a new token exchange.
     */
    public void reset() {
        synchronized (lock) {
            spreadsheets.clear();
            filters.clear();
            forbidden.clear();
            faults.clear();
            quotaWindow.clear();
            valueInputOptions.clear();
            formulas.clear();
            requests.clear();
            quotaPerMinute = DEFAULT_WRITE_QUOTA;
            outageStatus = null;
            refusedText = null;
            tokenFailures = 0;
            tokenRequests = 0;
            readCalls = 0;
            drive.reset();
            writeCalls = 0;
            appendCalls = 0;
            appliedWrites = 0;
            appliedAppends = 0;
        }
        responseDelay = Duration.ZERO;
        CountDownLatch old = release;
        release = new CountDownLatch(1);
        old.countDown();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) {
        if (GoogleDriveFiles.handles(exchange.getRequestURI().getRawPath())) {
            drive.handle(exchange);   // before the body is read: an upload may be larger than the heap
            return;
        }
        // closing without sendResponseHeaders makes the JDK server close the connection: that is the "drop"
        try (exchange) {
            byte[] body = readBody(exchange);
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            String path = uri.getRawPath();
            synchronized (lock) {
                requests.add(new RecordedRequest(method, path, uri.getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Content-Encoding"), new String(body, UTF_8), Instant.now()));
            }
            Reply reply;
            if (path.equals("/token")) {
                reply = token(method, body);
            } else if (path.startsWith(API_PREFIX)) {
                CountDownLatch releasedBy = release;
                try {
                    reply = api(exchange, method, path, query(uri.getRawQuery()), body);
                } catch (RuntimeException e) {
                    // an emulator bug should show up as a clear 500, not as a dropped connection
                    reply = error(500, "Emulator failure: " + e);
                }
                pause(releasedBy, responseDelay.plus(reply.hang()));
                if (reply.afterHang() != null) {
                    reply.afterHang().run();
                }
            } else {
                reply = error(404, "Requested entity was not found.");
            }
            if (!reply.drop()) {
                send(exchange, reply);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (timed out, say); nothing left to answer
        }
    }

    static byte[] readBody(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        // the Google client gzips every request body it sends to the API
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.trim().equalsIgnoreCase("gzip") && body.length > 0) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return body;
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");   // unless the reply says otherwise
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Waits without spinning; reset() or close() cut the wait short. */
    private static void pause(CountDownLatch releasedBy, Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            releasedBy.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- token endpoint

    private Reply token(String method, byte[] body) {
        synchronized (lock) {
            tokenRequests++;
            if (tokenFailures > 0) {
                tokenFailures--;
                String error = switch (tokenFailureStatus) {
                    case 400 -> "invalid_grant";
                    case 401 -> "unauthorized_client";
                    default -> "internal_failure";
                };
                return tokenError(tokenFailureStatus, error, "Injected failure");
            }
        }
        if (!method.equals("POST")) {
            return tokenError(400, "invalid_request", "Token requests must be POST");
        }
        Map<String, String> form = query(new String(body, UTF_8));
        if (!JWT_BEARER.equals(form.get("grant_type"))) {
            return tokenError(400, "unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
        }
        String problem = checkAssertion(form.get("assertion"));
        if (problem != null) {
            return tokenError(400, "invalid_grant", problem);
        }
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String token = "emu-" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tokens.put(token, Instant.now().plusSeconds(3600));
        tokenScopes.put(token, scopes(form.get("assertion")));
        ObjectNode json = JSON.createObjectNode();
        json.put("access_token", token);
        json.put("token_type", "Bearer");
        json.put("expires_in", 3600);
        return Reply.json(200, json);
    }

    /** Returns what is wrong with the JWT, in Google's words, or null when it is good. */
    private String checkAssertion(String assertion) {
        if (assertion == null) {
            return "Missing required parameter: assertion";
        }
        String[] parts = assertion.split("\\.", -1);
        if (parts.length != 3) {
            return "Invalid JWT: malformed";
        }
        JsonNode header;
        JsonNode claims;
        byte[] signature;
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            header = JSON.readTree(decoder.decode(parts[0]));
            claims = JSON.readTree(decoder.decode(parts[1]));
            signature = decoder.decode(parts[2]);
        } catch (IOException | IllegalArgumentException e) {
            return "Invalid JWT: malformed";
        }
        if (!"RS256".equals(header.path("alg").asText())) {
            return "Invalid JWT: unsupported algorithm " + header.path("alg").asText();
        }
        if (!signedByOneOfOurKeys((parts[0] + "." + parts[1]).getBytes(US_ASCII), signature)) {
            return "Invalid JWT Signature.";
        }
        if (!SERVICE_ACCOUNT_EMAIL.equals(claims.path("iss").asText())) {
            return "Invalid email or User ID";
        }
        List<String> audiences = new ArrayList<>();
        claims.path("aud").forEach(aud -> audiences.add(aud.asText()));
        if (claims.path("aud").isTextual()) {
            audiences.add(claims.path("aud").asText());
        }
        if (!audiences.contains(tokenUri()) && !audiences.contains(GOOGLE_TOKEN_AUDIENCE)) {
            return "Invalid JWT: Failed audience check. The expected audience is " + GOOGLE_TOKEN_AUDIENCE + ".";
        }
        long now = Instant.now().getEpochSecond();
        long exp = claims.path("exp").asLong(0);
        long iat = claims.path("iat").asLong(now);
        if (exp <= now || iat > now + 300 || exp - iat > 3600) {
            return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. "
                    + "Check your iat and exp values in the JWT claim.";
        }
        List<String> scopes = List.of(claims.path("scope").asText("").split("\\s+"));
        if (!scopes.contains(SPREADSHEETS_SCOPE) && !scopes.contains(GoogleDriveFiles.DRIVE_SCOPE)) {
            return "Invalid OAuth scope or ID token audience provided.";
        }
        return null;
    }

    /** The scopes a checked JWT asks for. */
    private static Set<String> scopes(String assertion) {
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(assertion.split("\\.")[1]));
            return Set.of(claims.path("scope").asText("").split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean signedByOneOfOurKeys(byte[] content, byte[] signature) {
        for (KeyPair pair : keys.values()) {
            try {
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(pair.getPublic());
                verifier.update(content);
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // not this key
            }
        }
        return false;
    }

    private static Reply tokenError(int status, String error, String description) {
        ObjectNode json = JSON.createObjectNode();
        json.put("error", error);
        json.put("error_description", description);
        return Reply.json(status, json);
    }

    // ---------------------------------------------------------------- Sheets API

    private Reply api(HttpExchange exchange, String method, String path, Map<String, String> query, byte[] body) {
        String rest = path.substring(API_PREFIX.length());
        int slash = rest.indexOf('/');
        String rawRange = null;
        boolean append = false;
        boolean batchUpdate = false;
        if (slash >= 0) {
            String after = rest.substring(slash + 1);
            batchUpdate = method.equals("POST") && after.equals("values:batchUpdate");
            if (batchUpdate) {
                after = "values/";
            }
            if (!after.startsWith("values/")) {
                return error(404, "Requested entity was not found.");
            }
            rawRange = after.substring("values/".length());
            // the method is a ":append" suffix after the (possibly still-encoded) range
            if (method.equals("POST") && rawRange.endsWith(":append")) {
                append = true;
                rawRange = rawRange.substring(0, rawRange.length() - ":append".length());
            }
        }
        boolean write = append || batchUpdate || (method.equals("PUT") && rawRange != null);
        boolean read = method.equals("GET");
        if (!write && !read) {
            return error(404, "Requested entity was not found.");
        }
        synchronized (lock) {
            if (write) {
                writeCalls++;
                if (append) {
                    appendCalls++;
                }
            } else {
                readCalls++;
            }
        }
        synchronized (lock) {
            if (outageStatus != null) {
                return error(outageStatus, defaultMessage(outageStatus));
            }
        }
        Reply unauthenticated = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (unauthenticated != null) {
            return unauthenticated;
        }
        String id;
        String range;
        try {
            id = decodePath(slash < 0 ? rest : rest.substring(0, slash));
            range = rawRange == null ? null : decodePath(rawRange);
        } catch (IllegalArgumentException e) {
            return error(400, "Invalid request path");
        }
        synchronized (lock) {
            if (!write) {
                Reply problem = checkAccess(id);
                if (problem != null) {
                    return problem;
                }
                return range == null ? spreadsheet(id) : get(id, range, query);
            }
            return batchUpdate ? batchUpdate(id, body) : write(id, range, append, query, body);
        }
    }

    private Reply authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return error(401, "Request is missing required authentication credential. Expected OAuth 2 access token, "
                    + "login cookie or other valid authentication credential. "
                    + "See https://developers.google.com/identity/sign-in/web/devconsole-project.")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
        }
        Instant expiry = tokens.get(authorization.substring(7).trim());
        if (expiry == null || expiry.isBefore(Instant.now())) {
            // Google's hint makes HttpCredentialsAdapter refresh the token and retry once per attempt
            return error(401, "Request had invalid authentication credentials.")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
        }
        return null;
    }

    /** Under lock. */
    private Reply checkAccess(String id) {
        if (forbidden.contains(id)) {
            return error(403, "The caller does not have permission");
        }
        if (!spreadsheets.containsKey(id)) {
            return error(404, "Requested entity was not found.");
        }
        return null;
    }

    /** Under lock: GET /v4/spreadsheets/{id}, the metadata with the tabs. */
    private Reply spreadsheet(String id) {
        ObjectNode json = JSON.createObjectNode();
        json.put("spreadsheetId", id);
        json.putObject("properties").put("title", id).put("locale", "ko_KR").put("timeZone", "Asia/Seoul");
        ArrayNode sheets = json.putArray("sheets");
        int index = 0;
        for (SheetTab tab : spreadsheets.get(id).tabs.values()) {
            ObjectNode properties = sheets.addObject().putObject("properties");
            properties.put("sheetId", tab.sheetId).put("title", tab.name).put("index", index++).put("sheetType", "GRID");
            properties.putObject("gridProperties").put("rowCount", tab.rowCount).put("columnCount", tab.columnCount);
        }
        json.put("spreadsheetUrl", "https://docs.google.com/spreadsheets/d/" + id + "/edit");
        return Reply.json(200, json);
    }

    /** Under lock: GET .../values/{range}. */
    private Reply get(String id, String rangeText, Map<String, String> query) {
        if ("COLUMNS".equals(query.get("majorDimension"))) {
            return error(400, "majorDimension=COLUMNS is not supported by the emulator");
        }
        A1Range range;
        try {
            range = A1Range.parse(rangeText, List.copyOf(spreadsheets.get(id).tabs.keySet()));
        } catch (UnparsableRangeException e) {
            return error(400, e.getMessage());
        }
        SheetTab tab = spreadsheets.get(id).tabs.get(range.tab());
        int endRow = range.endRow() == A1Range.OPEN ? tab.rowCount - 1 : range.endRow();
        int endColumn = range.endColumn() == A1Range.OPEN ? tab.columnCount - 1 : range.endColumn();
        boolean formatted = !"UNFORMATTED_VALUE".equals(query.get("valueRenderOption"))
                && !"FORMULA".equals(query.get("valueRenderOption"));

        ObjectNode json = JSON.createObjectNode();
        json.put("range", A1Range.format(tab.name, range.startRow(), range.startColumn(), endRow, endColumn));
        json.put("majorDimension", "ROWS");
        int lastRow = -1;
        for (int row = endRow; row >= range.startRow() && lastRow < 0; row--) {
            if (tab.lastNonEmptyColumn(row, row, range.startColumn(), endColumn) >= 0) {
                lastRow = row;
            }
        }
        if (lastRow >= 0) {
            ArrayNode values = json.putArray("values");
            for (int row = range.startRow(); row <= lastRow; row++) {
                ArrayNode cells = values.addArray();
                int lastColumn = tab.lastNonEmptyColumn(row, row, range.startColumn(), endColumn);
                for (int column = range.startColumn(); column <= lastColumn; column++) {
                    Cell cell = tab.get(row, column);
                    if (cell == null) {
                        cells.add("");
                    } else if (formatted) {
                        cells.add(cell.formatted());
                    } else {
                        cells.addPOJO(cell.unformatted());
                    }
                }
            }
        }
        return Reply.json(200, json);
    }

    /** Under lock: what stops a write before it is looked at: its size, an injected failure, the quota, access. */
    private Reply admitWrite(String id, byte[] body) {
        if (body.length > MAX_REQUEST_BYTES) {
            return error(400, "Request payload size exceeds the limit: " + MAX_REQUEST_BYTES + " bytes.");
        }
        Fault fault = faults.peek();
        if (fault != null && fault.kind() == FaultKind.FAIL_HTML) {
            faults.poll();
            return Reply.html(fault.status());
        }
        if (fault != null && fault.kind() == FaultKind.FAIL) {
            faults.poll();
            Reply reply = error(fault.status(), defaultMessage(fault.status()));
            return fault.retryAfterSeconds() == null ? reply
                    : reply.withHeader("Retry-After", String.valueOf(fault.retryAfterSeconds()));
        }
        if (quotaPerMinute > 0) {
            long now = System.nanoTime();
            while (!quotaWindow.isEmpty() && now - quotaWindow.peekFirst() >= TimeUnit.SECONDS.toNanos(60)) {
                quotaWindow.pollFirst();
            }
            if (quotaWindow.size() >= quotaPerMinute) {
                return error(429, defaultMessage(429));
            }
            quotaWindow.addLast(now);
        }
        return checkAccess(id);
    }

    /** Under lock: POST .../values/{range}:append and PUT .../values/{range}. */
    private Reply write(String id, String rangeText, boolean append, Map<String, String> query, byte[] body) {
        String option = query.get("valueInputOption");
        valueInputOptions.add(option);
        Reply refused = admitWrite(id, body);
        if (refused != null) {
            return refused;
        }
        if (option == null) {
            return error(400, "'valueInputOption' is required but not specified");
        }
        if (!option.equals("RAW") && !option.equals("USER_ENTERED")) {
            return error(400, "Invalid value at 'value_input_option' "
                    + "(type.googleapis.com/google.apps.sheets.v4.ValueInputOption), \"" + option + "\"");
        }
        String insert = query.getOrDefault("insertDataOption", "OVERWRITE");
        if (append && !insert.equals("OVERWRITE") && !insert.equals("INSERT_ROWS")) {
            return error(400, "Invalid value at 'insert_data_option' "
                    + "(type.googleapis.com/google.apps.sheets.v4.InsertDataOption), \"" + insert + "\"");
        }
        Spreadsheet spreadsheet = spreadsheets.get(id);
        List<String> newFormulas = new ArrayList<>();
        ParsedWrite parsed = parseWrite(spreadsheet, rangeText, body, option.equals("USER_ENTERED"), newFormulas);
        if (parsed.error() != null) {
            return parsed.error();
        }
        A1Range range = parsed.range();
        List<List<Cell>> values = parsed.values();
        SheetTab tab = spreadsheet.tabs.get(range.tab());
        Fault fault = faults.peek();
        if (fault != null && fault.kind() == FaultKind.APPLY_LATE) {
            faults.poll();
            Runnable late = () -> {
                synchronized (lock) {
                    applyWrite(id, tab, range, rangeText, append, insert, values, newFormulas);
                }
            };
            return new Reply(200, "{}", Map.of(), false, fault.hang(), late);
        }
        return applyWrite(id, tab, range, rangeText, append, insert, values, newFormulas);
    }

    /** Under lock: applies a write Google accepted, then answers it (or fails it, as a queued fault asks). */
    private Reply applyWrite(String id, SheetTab tab, A1Range range, String rangeText, boolean append, String insert,
                             List<List<Cell>> values, List<String> newFormulas) {
        return applied(() -> append ? append(id, tab, range, insert.equals("INSERT_ROWS"), values)
                : update(id, tab, range, rangeText, values), append, newFormulas);
    }

    /** Under lock: applies a write (one call's writes), then answers it (or fails it, as a queued fault asks). */
    private Reply applied(Supplier<Reply> write, boolean append, List<String> newFormulas) {
        Reply reply = write.get();
        if (reply.status() != 200) {
            return reply;
        }
        formulas.addAll(newFormulas);
        appliedWrites++;
        if (append) {
            appliedAppends++;
        }
        Fault fault = faults.peek();
        if (fault == null || fault.kind() == FaultKind.FAIL || fault.kind() == FaultKind.FAIL_HTML
                || fault.kind() == FaultKind.APPLY_LATE) {
            return reply;
        }
        faults.poll();
        return switch (fault.kind()) {
            case APPLY_THEN_FAIL -> error(fault.status(), defaultMessage(fault.status()));
            case APPLY_THEN_DROP -> new Reply(0, "", Map.of(), true, Duration.ZERO);
            case APPLY_THEN_HANG -> new Reply(reply.status(), reply.body(), reply.headers(), false, fault.hang());
            default -> throw new IllegalStateException();
        };
    }

    /**
     * Under lock: POST .../values:batchUpdate, several ranges in one call with one valueInputOption (in the
     * body), applied all or nothing: a range or value Google refuses fails the whole call. Cells are kept as
     * given: RAW text stays text, a USER_ENTERED formula (=HYPERLINK(...)) is kept as a formula.
     */
    private Reply batchUpdate(String id, byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "Invalid JSON payload received. " + e.getMessage());
        }
        String option = root.hasNonNull("valueInputOption") ? root.get("valueInputOption").asText() : null;
        valueInputOptions.add(option);
        Reply refused = admitWrite(id, body);
        if (refused != null) {
            return refused;
        }
        if (option == null || option.equals("INPUT_VALUE_OPTION_UNSPECIFIED")) {
            return error(400, "Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED");
        }
        if (!option.equals("RAW") && !option.equals("USER_ENTERED")) {
            return error(400, "Invalid value at 'data.value_input_option' "
                    + "(type.googleapis.com/google.apps.sheets.v4.ValueInputOption), \"" + option + "\"");
        }
        Spreadsheet spreadsheet = spreadsheets.get(id);
        List<Supplier<Reply>> writes = new ArrayList<>();
        List<String> newFormulas = new ArrayList<>();
        ArrayNode responses = JSON.createArrayNode();
        for (JsonNode entry : root.path("data")) {
            String rangeText = entry.path("range").asText();
            ParsedWrite parsed = parseWrite(spreadsheet, rangeText, entry.toString().getBytes(UTF_8), option.equals("USER_ENTERED"), newFormulas);
            if (parsed.error() != null) {
                return parsed.error();
            }
            SheetTab tab = spreadsheet.tabs.get(parsed.range().tab());
            writes.add(() -> update(id, tab, parsed.range(), rangeText, parsed.values()));
        }
        Supplier<Reply> all = () -> {
            for (Supplier<Reply> write : writes) {
                Reply reply = write.get();
                if (reply.status() != 200) {
                    return reply;
                }
                try {
                    responses.add(JSON.readTree(reply.body()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            ObjectNode json = JSON.createObjectNode();
            json.put("spreadsheetId", id);
            json.put("totalUpdatedCells", writes.size());
            json.set("responses", responses);
            return Reply.json(200, json);
        };
        Fault fault = faults.peek();
        if (fault != null && fault.kind() == FaultKind.APPLY_LATE) {
            faults.poll();
            Runnable late = () -> {
                synchronized (lock) {
                    applied(all, false, newFormulas);
                }
            };
            return new Reply(200, "{}", Map.of(), false, fault.hang(), late);
        }
        return applied(all, false, newFormulas);
    }

    /** A write's range and cells as Google reads them, or the 400 Google answers instead. */
    private record ParsedWrite(A1Range range, List<List<Cell>> values, Reply error) {}

    /** Under lock: parses one ValueRange (a write's body, or one entry of a batchUpdate) against the spreadsheet's tabs. */
    private ParsedWrite parseWrite(Spreadsheet spreadsheet, String rangeText, byte[] valueRange, boolean userEntered, List<String> formulas) {
        A1Range range;
        try {
            range = A1Range.parse(rangeText, List.copyOf(spreadsheet.tabs.keySet()));
        } catch (UnparsableRangeException e) {
            return new ParsedWrite(null, null, error(400, e.getMessage()));
        }
        List<List<Cell>> values = new ArrayList<>();
        Reply invalid = parseValues(valueRange, userEntered, values, formulas);
        if (invalid == null && refusedText != null && new String(valueRange, UTF_8).contains(refusedText)) {
            invalid = error(400, "Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue): a value was refused");
        }
        return new ParsedWrite(range, values, invalid);
    }

    /** Reads a ValueRange body into cells; returns a 400 reply for values Google would refuse. */
    private static Reply parseValues(byte[] body, boolean userEntered, List<List<Cell>> into, List<String> formulas) {
        JsonNode root;
        try {
            root = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "Invalid JSON payload received. " + e.getMessage());
        }
        if ("COLUMNS".equals(root.path("majorDimension").asText())) {
            return error(400, "majorDimension=COLUMNS is not supported by the emulator");
        }
        JsonNode rows = root.path("values");
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            List<Cell> cells = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                JsonNode node = row.get(c);
                if (node.isNull()) {
                    cells.add(SKIP);
                } else if (node.isNumber()) {
                    cells.add(new Cell(node.decimalValue(), false));
                } else if (node.isBoolean()) {
                    cells.add(new Cell(node.booleanValue(), false));
                } else if (node.isTextual() && node.textValue().length() > MAX_CELL_CHARS) {
                    return error(400, "Your input contains more than the maximum of " + MAX_CELL_CHARS
                            + " characters in a single cell.");
                } else if (node.isTextual()) {
                    cells.add(userEntered ? userEntered(node.textValue(), formulas) : raw(node.textValue()));
                } else {
                    return error(400, "Invalid values[" + r + "][" + c + "]: " + node);
                }
            }
            into.add(cells);
        }
        return null;
    }

    /** RAW: the string is stored as it is, even "=IMPORTXML(...)"; "" clears the cell. */
    private static Cell raw(String text) {
        return text.isEmpty() ? null : new Cell(text, false);
    }

    /** USER_ENTERED: parsed as if typed in the UI; formulas are stored (not evaluated) and recorded. */
    private static Cell userEntered(String text, List<String> formulas) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.startsWith("=") && text.length() > 1) {
            formulas.add(text);
            return new Cell(text, true);
        }
        if (text.startsWith("'")) {
            return raw(text.substring(1));
        }
        if (NUMBER.matcher(text).matches()) {
            return new Cell(new BigDecimal(text), false);
        }
        if (text.equalsIgnoreCase("TRUE") || text.equalsIgnoreCase("FALSE")) {
            return new Cell(Boolean.parseBoolean(text.toLowerCase()), false);
        }
        return new Cell(text, false);
    }

    /**
     * Google's append: find the last row with data within the range's columns (a lone start cell or open range
     * means "to the right edge"), write from the next row in the range's first column.
     */
    private static Reply append(String id, SheetTab tab, A1Range range, boolean insertRows, List<List<Cell>> values) {
        int fromColumn = range.startColumn();
        int toColumn = range.endColumn() == A1Range.OPEN || range.singleCell() ? Integer.MAX_VALUE : range.endColumn();
        int last = tab.lastNonEmptyRow(range.startRow(), fromColumn, toColumn);
        ObjectNode json = JSON.createObjectNode();
        json.put("spreadsheetId", id);
        if (last >= 0) {
            int first = tab.firstNonEmptyRow(range.startRow(), fromColumn, toColumn);
            // like Google's table detection, the table runs on to the right of the searched columns
            int lastColumn = tab.lastNonEmptyColumn(first, last, fromColumn, Integer.MAX_VALUE);
            json.put("tableRange", A1Range.format(tab.name, first, fromColumn, last, lastColumn));
        }
        int target = last < 0 ? range.startRow() : last + 1;
        if (insertRows && !values.isEmpty()) {
            tab.insertRows(target, values.size());
        }
        ObjectNode updates = json.putObject("updates");
        updates.put("spreadsheetId", id);
        writeBlock(tab, target, fromColumn, values, updates);
        return Reply.json(200, json);
    }

    /** Google's update: write from the range's top-left cell; a range bigger than one cell must hold the data. */
    private static Reply update(String id, SheetTab tab, A1Range range, String rangeText, List<List<Cell>> values) {
        int height = values.size();
        int width = values.stream().mapToInt(List::size).max().orElse(0);
        if (!range.singleCell()) {
            if (range.endRow() != A1Range.OPEN && range.startRow() + height - 1 > range.endRow()) {
                return error(400, "Requested writing within range [" + rangeText + "], but tried writing to row ["
                        + (range.startRow() + height) + "]");
            }
            if (range.endColumn() != A1Range.OPEN && range.startColumn() + width - 1 > range.endColumn()) {
                return error(400, "Requested writing within range [" + rangeText + "], but tried writing to column ["
                        + A1Range.columnLetters(range.startColumn() + width - 1) + "]");
            }
        }
        if (range.startRow() + height > tab.rowCount || range.startColumn() + width > tab.columnCount) {
            return error(400, "Range (" + rangeText + ") exceeds grid limits. Max rows: " + tab.rowCount
                    + ", max columns: " + tab.columnCount);
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("spreadsheetId", id);
        writeBlock(tab, range.startRow(), range.startColumn(), values, json);
        return Reply.json(200, json);
    }

    private static void writeBlock(SheetTab tab, int top, int left, List<List<Cell>> values, ObjectNode result) {
        int width = 0;
        int cells = 0;
        for (int r = 0; r < values.size(); r++) {
            List<Cell> row = values.get(r);
            width = Math.max(width, row.size());
            for (int c = 0; c < row.size(); c++) {
                if (row.get(c) != SKIP) {
                    tab.put(top + r, left + c, row.get(c));
                    cells++;
                }
            }
        }
        if (values.isEmpty() || width == 0) {
            return;
        }
        tab.rowCount = Math.max(tab.rowCount, top + values.size());
        tab.columnCount = Math.max(tab.columnCount, left + width);
        result.put("updatedRange", A1Range.format(tab.name, top, left, top + values.size() - 1, left + width - 1));
        result.put("updatedRows", values.size());
        result.put("updatedColumns", width);
        result.put("updatedCells", cells);
    }

    // ---------------------------------------------------------------- helpers

    /** Google's error body: {"error":{"code":..,"message":..,"status":..}}. */
    private static Reply error(int status, String message) {
        ObjectNode json = JSON.createObjectNode();
        json.putObject("error").put("code", status).put("message", message).put("status", statusName(status));
        return Reply.json(status, json);
    }

    private static String statusName(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 500 -> "INTERNAL";
            case 501 -> "NOT_IMPLEMENTED";
            case 502, 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> "UNKNOWN";
        };
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 400 -> "Request contains an invalid argument.";
            case 401 -> "Request had invalid authentication credentials.";
            case 403 -> "The caller does not have permission";
            case 404 -> "Requested entity was not found.";
            case 409 -> "The operation was aborted.";
            case 429 -> "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user'"
                    + " of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.";
            case 500 -> "Internal error encountered.";
            case 502 -> "Bad Gateway";
            case 503 -> "The service is currently unavailable.";
            case 504 -> "Deadline expired before operation could complete.";
            default -> "Unknown error.";
        };
    }

    /** Percent-decodes a path segment as UTF-8; unlike URLDecoder it keeps '+' as '+'. */
    static String decodePath(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("Bad escape in " + raw);
                }
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                int end = i;
                while (end < raw.length() && raw.charAt(end) != '%') {
                    end++;
                }
                byte[] encoded = raw.substring(i, end).getBytes(UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i = end - 1;
            }
        }
        return bytes.toString(UTF_8);
    }

    /** Parses a query string or form body; the last of repeated names wins, unknown ones are simply carried along. */
    static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
            params.put(name, value);
        }
        return params;
    }
}
