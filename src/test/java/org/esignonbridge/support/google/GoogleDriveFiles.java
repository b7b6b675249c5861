package org.esignonbridge.support.google;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * The Google Drive v3 calls the archive's google-drive store makes, played as strictly as Google, beside
 * the Sheets API and the token endpoint of {@link GoogleSheetsEmulator} (same root URL, same tokens, which
 * must carry the {@code drive} scope): {@code files.create} (metadata only, {@code uploadType=multipart},
 * and {@code uploadType=resumable}, then PUTs with {@code Content-Range} to the session URI),
 * {@code files.list} with a {@code q} of the forms the product sends (anything else is answered 400, as
 * Google answers a query it cannot parse), {@code files.get} (metadata with {@code fields}, or
 * {@code alt=media}, also under {@code /download/}). A folder in a shared drive is found only with {@code supportsAllDrives=true} (and
 * listed only with {@code includeItemsFromAllDrives=true}). Content is kept in temporary files, so a
 * 300 MiB upload costs no heap.
 *
 * <p>Faults: a folder nobody shared ({@code 404 notFound}), one shared read-only ({@code 403
 * insufficientFilePermissions}), the quota ({@code 429 rateLimitExceeded}, {@code 403
 * userRateLimitExceeded}), a 5xx, and an upload applied whose answer is lost (a 500, or the connection
 * dropped).
 */
public final class GoogleDriveFiles {

    public static final String DRIVE_SCOPE = "https://www.googleapis.com/auth/drive";
    public static final String FOLDER = "application/vnd.google-apps.folder";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FILE_FIELDS = Set.of("kind", "id", "name", "mimeType", "parents", "createdTime", "size",
            "sha256Checksum", "md5Checksum", "appProperties", "driveId", "trashed", "webViewLink");
    private static final List<String> DEFAULT_FIELDS = List.of("kind", "id", "name", "mimeType");

    /** A file or folder as Drive keeps it; content in a temporary file. */
    public record DriveFile(String id, String name, String mimeType, String parent, String driveId, Instant createdTime,
                            Map<String, String> appProperties, long size, String sha256, String md5, Path content) {

        public boolean folder() {
            return FOLDER.equals(mimeType);
        }

        public byte[] bytes() {
            try {
                return content == null ? new byte[0] : Files.readAllBytes(content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One Drive call as it reached the emulator (no body: uploads are large). */
    public record Call(String method, String path, Map<String, String> query) {

        public boolean upload() {
            return path.startsWith("/upload/");
        }
    }

    private enum FaultKind { FAIL, APPLY_THEN_FAIL, APPLY_THEN_DROP, APPLY_THEN_HOLD, CORRUPT }

    private record Fault(FaultKind kind, int status, String reason) {}

    private record Session(ObjectNode metadata, String parent, String driveId, long total, Path content, MessageDigest sha256,
                           MessageDigest md5, List<String> fields, long[] received) {}

    private final Function<String, Set<String>> tokenScopes;
    private final String rootUrl;
    private final SecureRandom random = new SecureRandom();
    private final Object lock = new Object();
    // guarded by lock
    private final Map<String, DriveFile> files = new LinkedHashMap<>();
    private final Set<String> sharedWithUs = new LinkedHashSet<>();
    private final Set<String> readOnly = new LinkedHashSet<>();
    private final Map<String, Session> sessions = new HashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Deque<Fault> uploadFaults = new ArrayDeque<>();
    private final List<Call> calls = new ArrayList<>();
    private long lastCreated;
    private int held;
    private boolean sha256Checksums = true;
    private volatile java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

    GoogleDriveFiles(String rootUrl, Function<String, Set<String>> tokenScopes) {
        this.rootUrl = rootUrl;
        this.tokenScopes = tokenScopes;
    }

    static boolean handles(String path) {
        return path.startsWith("/drive/v3/") || path.startsWith("/upload/drive/v3/") || path.startsWith("/download/drive/v3/");
    }

    // ---------------------------------------------------------------- set-up and what a test sees

    /** A folder in someone's My Drive, shared with the service account as Editor. */
    public void createSharedFolder(String id, String name) {
        synchronized (lock) {
            files.put(id, new DriveFile(id, name, FOLDER, null, null, created(), Map.of(), 0, null, null, null));
            sharedWithUs.add(id);
        }
    }

    /** A shared drive with the service account as Content manager; its id is its top folder's. */
    public void createSharedDrive(String id, String name) {
        synchronized (lock) {
            files.put(id, new DriveFile(id, name, FOLDER, null, id, created(), Map.of(), 0, null, null, null));
            sharedWithUs.add(id);
        }
    }

    /** The folder is shared with the service account as Viewer only: creating in it is 403 insufficientFilePermissions. */
    public void readOnly(String folderId) {
        synchronized (lock) {
            readOnly.add(folderId);
        }
    }

    /** Every file and folder, in the order they were created. */
    public List<DriveFile> files() {
        synchronized (lock) {
            return List.copyOf(files.values());
        }
    }

    /** The files (not folders) whose path from {@code top} is {@code path} ("2026/11/x-contract.pdf"). */
    public List<DriveFile> filesAt(String top, String path) {
        synchronized (lock) {
            return files.values().stream().filter(f -> !f.folder() && path.equals(pathOf(f, top))).toList();
        }
    }

    /** The path of a file below {@code top} ("2026/11/x.pdf"), or null when it is not below it. */
    public String pathOf(DriveFile file, String top) {
        synchronized (lock) {
            StringBuilder path = new StringBuilder(file.name());
            for (DriveFile parent = files.get(file.parent()); parent != null; parent = files.get(parent.parent())) {
                if (parent.id().equals(top)) {
                    return path.toString();
                }
                path.insert(0, parent.name() + "/");
            }
            return null;
        }
    }

    /** Every Drive call received, in order. */
    public List<Call> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    /** The next {@code count} Drive calls are answered {@code status} with Google's {@code reason}, not applied. */
    public void failNextCalls(int count, int status, String reason) {
        synchronized (lock) {
            for (int i = 0; i < count; i++) {
                faults.add(new Fault(FaultKind.FAIL, status, reason));
            }
        }
    }

    /** The next {@code count} uploads are applied (the file is in Drive), then answered {@code status}: a lost success. */
    public void applyThenFailNextUploads(int count, int status) {
        queueUpload(count, new Fault(FaultKind.APPLY_THEN_FAIL, status, status == 503 ? "backendError" : "internalError"));
    }

    /**
     * The next {@code count} uploads are applied, and their answers withheld until {@link #releaseHeldAnswers()}
     * (or a reset): the window in which a client that is killed has uploaded a file it never heard of.
     */
    public void holdAnswersOfNextUploads(int count) {
        queueUpload(count, new Fault(FaultKind.APPLY_THEN_HOLD, 0, null));
    }

    /** Uploads applied whose answers are withheld now. */
    public int heldAnswers() {
        synchronized (lock) {
            return held;
        }
    }

    /** Sends the withheld answers (to whoever still listens). */
    public void releaseHeldAnswers() {
        java.util.concurrent.CountDownLatch old = release;
        release = new java.util.concurrent.CountDownLatch(1);
        old.countDown();
    }

    /** Whether files report {@code sha256Checksum} (Drive leaves it out for some files; {@code md5Checksum} is always there). */
    public void sha256Checksums(boolean on) {
        synchronized (lock) {
            sha256Checksums = on;
        }
    }

    /** The next {@code count} uploads arrive damaged: Drive keeps (and checksums) other bytes than were sent. */
    public void corruptNextUploads(int count) {
        queueUpload(count, new Fault(FaultKind.CORRUPT, 0, null));
    }

    /** The next {@code count} uploads are applied, then the connection is closed without an answer. */
    public void applyThenDropNextUploads(int count) {
        queueUpload(count, new Fault(FaultKind.APPLY_THEN_DROP, 0, null));
    }

    private void queueUpload(int count, Fault fault) {
        synchronized (lock) {
            for (int i = 0; i < count; i++) {
                uploadFaults.add(fault);
            }
        }
    }

    /** Forgets every file, folder, session, fault and call. */
    void reset() {
        synchronized (lock) {
            for (DriveFile file : files.values()) {
                deleteQuietly(file.content());
            }
            for (Session session : sessions.values()) {
                deleteQuietly(session.content());
            }
            files.clear();
            sharedWithUs.clear();
            readOnly.clear();
            sessions.clear();
            faults.clear();
            uploadFaults.clear();
            calls.clear();
            sha256Checksums = true;
        }
        releaseHeldAnswers();
    }

    // ---------------------------------------------------------------- HTTP

    void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = GoogleSheetsEmulator.query(exchange.getRequestURI().getRawQuery());
            String method = exchange.getRequestMethod();
            synchronized (lock) {
                calls.add(new Call(method, path, query));
            }
            Answer answer;
            try {
                answer = answer(exchange, method, path, query);
            } catch (RuntimeException e) {
                answer = error(500, "internalError", "Emulator failure: " + e);
            }
            if (answer.drop()) {
                return;   // closing without an answer drops the connection
            }
            if (answer.hold()) {
                java.util.concurrent.CountDownLatch releasedBy = release;
                synchronized (lock) {
                    held++;
                }
                try {
                    releasedBy.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    synchronized (lock) {
                        held--;
                    }
                }
            }
            send(exchange, answer);
        } catch (IOException | RuntimeException e) {
            // the client went away; nothing left to answer
        }
    }

    /** What to answer; {@code drop} closes the connection instead, {@code hold} withholds the answer until released. */
    private record Answer(int status, JsonNode json, Path media, Map<String, String> headers, boolean drop, boolean hold) {

        Answer(int status, JsonNode json, Path media, Map<String, String> headers, boolean drop) {
            this(status, json, media, headers, drop, false);
        }

        static Answer of(int status, JsonNode json) {
            return new Answer(status, json, null, Map.of(), false);
        }

        Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, json, media, more, drop, hold);
        }
    }

    private Answer answer(HttpExchange exchange, String method, String path, Map<String, String> query) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            return error(401, "required", "Request is missing required authentication credential.")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
        }
        Set<String> scopes = tokenScopes.apply(authorization.substring(7).trim());
        if (scopes == null) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            return error(401, "authError", "Invalid Credentials")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
        }
        if (!scopes.contains(DRIVE_SCOPE)) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            return error(403, "insufficientPermissions", "Request had insufficient authentication scopes.");
        }
        synchronized (lock) {
            Fault fault = faults.poll();
            if (fault != null) {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                return error(fault.status(), fault.reason(), message(fault.status(), fault.reason()));
            }
        }
        if (!"true".equals(query.getOrDefault("supportsAllDrives", "false")) && !"false".equals(query.getOrDefault("supportsAllDrives", "false"))) {
            return error(400, "invalidParameter", "Invalid value for: supportsAllDrives");
        }
        if (path.equals("/drive/v3/files") && method.equals("POST")) {
            return create(exchange, query, GoogleSheetsEmulator.readBody(exchange), null);
        }
        if (path.equals("/drive/v3/files") && method.equals("GET")) {
            return list(query);
        }
        if (path.startsWith("/drive/v3/files/") && method.equals("GET")) {
            return get(GoogleSheetsEmulator.decodePath(path.substring("/drive/v3/files/".length())), query);
        }
        if (path.startsWith("/download/drive/v3/files/") && method.equals("GET") && "media".equals(query.get("alt"))) {
            return get(GoogleSheetsEmulator.decodePath(path.substring("/download/drive/v3/files/".length())), query);
        }
        if (path.equals("/upload/drive/v3/files") && method.equals("POST")) {
            String type = query.get("uploadType");
            if ("resumable".equals(type)) {
                return startSession(exchange, query);
            }
            if ("multipart".equals(type)) {
                return multipart(exchange, query);
            }
            return error(400, "invalidParameter", "Invalid value for: uploadType");
        }
        if (path.equals("/upload/drive/v3/files") && method.equals("PUT") && query.containsKey("upload_id")) {
            return chunk(exchange, query.get("upload_id"));
        }
        return error(404, "notFound", "Not Found");
    }

    // ---------------------------------------------------------------- files.create

    /** Metadata only (a folder), or metadata with its content (multipart, or a completed resumable session). */
    private Answer create(HttpExchange exchange, Map<String, String> query, byte[] metadataJson, Path content) throws IOException {
        ObjectNode metadata;
        try {
            metadata = metadataJson.length == 0 ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(metadataJson);
        } catch (IOException | ClassCastException e) {
            return error(400, "parseError", "Parse Error");
        }
        synchronized (lock) {
            Object placed = place(metadata, query);
            if (placed instanceof Answer refused) {
                return refused;
            }
            Placement placement = (Placement) placed;
            return Answer.of(200, resource(newFile(metadata, placement.parent(), content, null, null), placement.fields()));
        }
    }

    /** Where a new file goes, and what its answer shows. */
    private record Placement(DriveFile parent, List<String> fields) {}

    /** Under lock: the new file's {@link Placement}, or Google's answer refusing it. */
    private Object place(ObjectNode metadata, Map<String, String> query) {
        List<String> fields;
        try {
            fields = fileFields(query.get("fields"));
        } catch (IllegalArgumentException e) {
            return error(400, "invalidParameter", e.getMessage());
        }
        Object parent = parentOf(metadata, allDrives(query));
        return parent instanceof Answer refused ? refused : new Placement((DriveFile) parent, fields);
    }

    /** Under lock: the one parent a new file names, if this account may create in it; else Google's answer. */
    private Object parentOf(ObjectNode metadata, boolean allDrives) {
        JsonNode parents = metadata.path("parents");
        if (!parents.isArray() || parents.size() != 1) {
            return error(403, "cannotAddParent", "Increasing the number of parents is not allowed.");   // one parent, always given by the product
        }
        String id = parents.get(0).asText();
        DriveFile parent = visible(id, allDrives);
        if (parent == null) {
            return error(404, "notFound", "File not found: " + id + ".");
        }
        if (!parent.folder()) {
            return error(400, "invalidParent", "The parent is not a folder.");
        }
        if (readOnly.contains(topOf(parent))) {
            return error(403, "insufficientFilePermissions", "The user does not have sufficient permissions for file " + id + ".");
        }
        return parent;
    }

    private DriveFile newFile(ObjectNode metadata, DriveFile parent, Path content, MessageDigest sha256, MessageDigest md5)
            throws IOException {
        String id = newId();
        Map<String, String> appProperties = new LinkedHashMap<>();
        metadata.path("appProperties").fields().forEachRemaining(e -> appProperties.put(e.getKey(), e.getValue().asText()));
        String mimeType = metadata.path("mimeType").asText("application/octet-stream");
        long size = 0;
        String sha = null;
        String md = null;
        if (!FOLDER.equals(mimeType)) {
            if (content == null) {
                content = Files.createTempFile("drive-emulator-", ".bin");
            }
            size = Files.size(content);
            if (sha256 == null) {
                sha256 = digest("SHA-256");
                md5 = digest("MD5");
                try (InputStream in = Files.newInputStream(content)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) != -1; ) {
                        sha256.update(buffer, 0, n);
                        md5.update(buffer, 0, n);
                    }
                }
            }
            sha = HexFormat.of().formatHex(sha256.digest());
            md = HexFormat.of().formatHex(md5.digest());
        }
        DriveFile file = new DriveFile(id, metadata.path("name").asText("Untitled"), mimeType, parent.id(), parent.driveId(),
                created(), Map.copyOf(appProperties), size, sha, md, content);
        files.put(id, file);
        return file;
    }

    // ---------------------------------------------------------------- resumable and multipart uploads

    private Answer startSession(HttpExchange exchange, Map<String, String> query) throws IOException {
        byte[] body = GoogleSheetsEmulator.readBody(exchange);
        ObjectNode metadata;
        try {
            metadata = body.length == 0 ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(body);
        } catch (IOException | ClassCastException e) {
            return error(400, "parseError", "Parse Error");
        }
        String length = exchange.getRequestHeaders().getFirst("X-Upload-Content-Length");
        synchronized (lock) {
            Object placed = place(metadata, query);
            if (placed instanceof Answer refused) {
                return refused;
            }
            Placement placement = (Placement) placed;
            String uploadId = newId();
            sessions.put(uploadId, new Session(metadata, placement.parent().id(), placement.parent().driveId(),
                    length == null ? -1 : Long.parseLong(length), Files.createTempFile("drive-upload-", ".part"), digest("SHA-256"),
                    digest("MD5"), placement.fields(), new long[1]));
            return new Answer(200, null, null, Map.of("Location", rootUrl + "upload/drive/v3/files?uploadType=resumable&upload_id="
                    + uploadId), false);
        }
    }

    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern STATUS = Pattern.compile("bytes \\*/(\\d+|\\*)");

    /** A PUT to the session URI: the next bytes (Content-Range), or a question about what arrived. */
    private Answer chunk(HttpExchange exchange, String uploadId) throws IOException {
        Session session;
        synchronized (lock) {
            session = sessions.get(uploadId);
        }
        if (session == null) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            return error(404, "notFound", "Upload session not found");
        }
        String range = exchange.getRequestHeaders().getFirst("Content-Range");
        Matcher bytes = range == null ? null : RANGE.matcher(range.trim());
        if (bytes != null && bytes.matches()) {
            long from = Long.parseLong(bytes.group(1));
            long to = Long.parseLong(bytes.group(2));
            if (from != session.received()[0]) {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                return incomplete(session);
            }
            long total = bytes.group(3).equals("*") ? -1 : Long.parseLong(bytes.group(3));
            try (InputStream in = exchange.getRequestBody();
                 OutputStream out = Files.newOutputStream(session.content(), StandardOpenOption.APPEND)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    out.write(buffer, 0, n);
                    session.sha256().update(buffer, 0, n);
                    session.md5().update(buffer, 0, n);
                    session.received()[0] += n;
                }
            }
            if (session.received()[0] != to + 1) {
                return error(400, "badContent", "The number of bytes sent does not match Content-Range.");
            }
            if (total < 0 || session.received()[0] < total) {
                return incomplete(session);
            }
        } else if (range == null || !STATUS.matcher(range.trim()).matches()) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            return error(400, "badRequest", "Invalid Content-Range: " + range);
        } else if (session.total() < 0 || session.received()[0] < session.total()) {
            return incomplete(session);
        }
        synchronized (lock) {
            if (sessions.remove(uploadId) == null) {
                return error(404, "notFound", "Upload session not found");
            }
            DriveFile parent = files.get(session.parent());
            boolean corrupt = uploadFaults.peek() != null && uploadFaults.peek().kind() == FaultKind.CORRUPT;
            if (corrupt) {
                uploadFaults.poll();
                try (OutputStream out = Files.newOutputStream(session.content(), StandardOpenOption.APPEND)) {
                    out.write('!');   // a byte more than was sent
                }
            }
            DriveFile file = newFile(session.metadata(), parent, session.content(), corrupt ? null : session.sha256(), session.md5());
            return uploaded(Answer.of(200, resource(file, session.fields())));
        }
    }

    private static Answer incomplete(Session session) {
        Answer answer = new Answer(308, null, null, Map.of(), false);
        return session.received()[0] == 0 ? answer : answer.withHeader("Range", "bytes=0-" + (session.received()[0] - 1));
    }

    /** multipart/related: the metadata part, then the content part. */
    private Answer multipart(HttpExchange exchange, Map<String, String> query) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        Matcher boundary = type == null ? null : Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type);
        if (boundary == null || !type.startsWith("multipart/related") || !boundary.find()) {
            return error(400, "badContent", "Multipart upload needs Content-Type multipart/related with a boundary");
        }
        byte[] body = GoogleSheetsEmulator.readBody(exchange);
        List<byte[]> parts = parts(body, ("--" + boundary.group(1)).getBytes(UTF_8));
        if (parts.size() != 2) {
            return error(400, "badContent", "Multipart upload needs exactly two parts: metadata and media");
        }
        Path content = Files.createTempFile("drive-emulator-", ".bin");
        Files.write(content, parts.get(1));
        Answer answer = create(exchange, query, parts.get(0), content);
        return answer.status() == 200 ? uploaded(answer) : answer;
    }

    /** Each part's body (after its headers), between the boundaries. */
    private static List<byte[]> parts(byte[] body, byte[] boundary) {
        List<byte[]> parts = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i + boundary.length <= body.length; i++) {
            if (java.util.Arrays.equals(body, i, i + boundary.length, boundary, 0, boundary.length)) {
                at.add(i);
                i += boundary.length - 1;
            }
        }
        for (int k = 0; k + 1 < at.size(); k++) {
            int start = at.get(k) + boundary.length;
            int end = at.get(k + 1);
            String head = new String(body, start, Math.min(end - start, 2048), java.nio.charset.StandardCharsets.ISO_8859_1);
            int blank = head.indexOf("\r\n\r\n");
            if (blank < 0) {
                continue;
            }
            int from = start + blank + 4;
            int to = end - 2;   // the CRLF before the next boundary
            parts.add(java.util.Arrays.copyOfRange(body, from, Math.max(from, to)));
        }
        return parts;
    }

    /** Under lock: the answer of an applied upload, unless a fault loses it. */
    private Answer uploaded(Answer answer) {
        Fault fault = uploadFaults.poll();
        if (fault == null) {
            return answer;
        }
        return switch (fault.kind()) {
            case APPLY_THEN_DROP -> new Answer(0, null, null, Map.of(), true);
            case APPLY_THEN_HOLD -> new Answer(answer.status(), answer.json(), null, answer.headers(), false, true);
            default -> error(fault.status(), fault.reason(), message(fault.status(), fault.reason()));
        };
    }

    // ---------------------------------------------------------------- files.list and files.get

    private Answer list(Map<String, String> query) {
        boolean allDrives = allDrives(query);
        boolean itemsFromAllDrives = "true".equals(query.get("includeItemsFromAllDrives"));
        if (itemsFromAllDrives && !allDrives) {
            return error(403, "teamDrivesParameterNotSupported",
                    "The includeItemsFromAllDrives parameter can only be set to true when supportsAllDrives is also set to true.");
        }
        String corpora = query.getOrDefault("corpora", "user");
        if (!Set.of("user", "domain", "drive", "allDrives").contains(corpora)) {
            return error(400, "invalidParameter", "Invalid Value");
        }
        if (corpora.equals("allDrives") && !itemsFromAllDrives) {
            return error(403, "teamDrivesParameterNotSupported",
                    "Corpora allDrives can only be used when includeItemsFromAllDrives is true.");
        }
        List<String> fields;
        try {
            fields = listFields(query.get("fields"));
        } catch (IllegalArgumentException e) {
            return error(400, "invalidParameter", e.getMessage());
        }
        List<Term> terms;
        try {
            terms = Query.parse(query.getOrDefault("q", ""));
        } catch (IllegalArgumentException e) {
            return error(400, "invalid", "Invalid Value");
        }
        int pageSize = Integer.parseInt(query.getOrDefault("pageSize", "100"));
        if (pageSize < 1 || pageSize > 1000) {
            return error(400, "invalidParameter", "Invalid value for: pageSize");
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("kind", "drive#fileList");
        json.put("incompleteSearch", false);
        ArrayNode found = json.putArray("files");
        synchronized (lock) {
            int n = 0;
            for (DriveFile file : files.values()) {
                boolean listable = visible(file.id(), allDrives) != null && (file.driveId() == null || itemsFromAllDrives)
                        && file.parent() != null;
                if (listable && terms.stream().allMatch(term -> term.matches(file)) && n++ < pageSize) {
                    found.add(resource(file, fields));
                }
            }
        }
        return Answer.of(200, json);
    }

    private Answer get(String id, Map<String, String> query) {
        synchronized (lock) {
            DriveFile file = visible(id, allDrives(query));
            if (file == null) {
                return error(404, "notFound", "File not found: " + id + ".");
            }
            if ("media".equals(query.get("alt"))) {
                return new Answer(200, null, file.content(), Map.of("Content-Type", file.mimeType()), false);
            }
            try {
                return Answer.of(200, resource(file, fileFields(query.get("fields"))));
            } catch (IllegalArgumentException e) {
                return error(400, "invalidParameter", e.getMessage());
            }
        }
    }

    /** Under lock: the file when this account sees it (under a folder shared with it); a shared drive's only with supportsAllDrives. */
    private DriveFile visible(String id, boolean allDrives) {
        DriveFile file = files.get(id);
        if (file == null || !sharedWithUs.contains(topOf(file)) || (file.driveId() != null && !allDrives)) {
            return null;
        }
        return file;
    }

    private String topOf(DriveFile file) {
        DriveFile top = file;
        while (top.parent() != null && files.containsKey(top.parent())) {
            top = files.get(top.parent());
        }
        return top.id();
    }

    private static boolean allDrives(Map<String, String> query) {
        return "true".equals(query.get("supportsAllDrives"));
    }

    private ObjectNode resource(DriveFile file, List<String> fields) {
        ObjectNode json = JSON.createObjectNode();
        for (String field : fields) {
            switch (field) {
                case "kind" -> json.put("kind", "drive#file");
                case "id" -> json.put("id", file.id());
                case "name" -> json.put("name", file.name());
                case "mimeType" -> json.put("mimeType", file.mimeType());
                case "parents" -> {
                    if (file.parent() != null) {
                        json.putArray("parents").add(file.parent());
                    }
                }
                case "createdTime" -> json.put("createdTime", file.createdTime().toString());
                case "size" -> {
                    if (!file.folder()) {
                        json.put("size", String.valueOf(file.size()));   // int64 as a string, as Google sends it
                    }
                }
                case "sha256Checksum" -> {
                    if (file.sha256() != null && sha256Checksums) {
                        json.put("sha256Checksum", file.sha256());
                    }
                }
                case "md5Checksum" -> {
                    if (file.md5() != null) {
                        json.put("md5Checksum", file.md5());
                    }
                }
                case "appProperties" -> {
                    if (!file.appProperties().isEmpty()) {
                        ObjectNode properties = json.putObject("appProperties");
                        file.appProperties().forEach(properties::put);
                    }
                }
                case "driveId" -> {
                    if (file.driveId() != null) {
                        json.put("driveId", file.driveId());
                    }
                }
                case "trashed" -> json.put("trashed", false);
                case "webViewLink" -> json.put("webViewLink", "https://drive.google.com/file/d/" + file.id() + "/view?usp=drivesdk");
                default -> throw new IllegalStateException(field);
            }
        }
        return json;
    }

    /** {@code fields} of files.get and files.create: a list of file fields; absent, Google's default few. */
    private static List<String> fileFields(String fields) {
        if (fields == null) {
            return DEFAULT_FIELDS;
        }
        if (fields.equals("*")) {
            return List.copyOf(FILE_FIELDS);
        }
        List<String> names = new ArrayList<>();
        for (String name : fields.split(",")) {
            if (!FILE_FIELDS.contains(name.trim())) {
                throw new IllegalArgumentException("Invalid field selection " + name.trim());
            }
            names.add(name.trim());
        }
        return names;
    }

    /** {@code fields} of files.list: {@code files(a,b)}, with {@code nextPageToken} and {@code kind} allowed beside it. */
    private static List<String> listFields(String fields) {
        if (fields == null) {
            return DEFAULT_FIELDS;
        }
        Matcher files = Pattern.compile("^(?:(?:nextPageToken|kind|incompleteSearch),)*files\\(([^()]*)\\)(?:,(?:nextPageToken|kind|incompleteSearch))*$")
                .matcher(fields.replace(" ", ""));
        if (!files.matches()) {
            throw new IllegalArgumentException("Invalid field selection " + fields);
        }
        return fileFields(files.group(1));
    }

    // ---------------------------------------------------------------- the q language (the forms the product sends)

    /** One condition of a files.list query. */
    private interface Term {
        boolean matches(DriveFile file);
    }

    /**
     * A strict reader of Drive's query language, for the forms the product sends, joined by {@code and}:
     * {@code 'id' in parents}, {@code name = 'x'}, {@code mimeType = 'x'}, {@code trashed = false|true},
     * {@code appProperties has { key='k' and value='v' }}. Anything else is refused, as Google refuses what
     * it cannot parse.
     */
    static final class Query {
        private final String text;
        private int at;

        private Query(String text) {
            this.text = text;
        }

        static List<Term> parse(String q) {
            Query query = new Query(q);
            List<Term> terms = new ArrayList<>();
            query.spaces();
            if (query.at == q.length()) {
                return terms;
            }
            terms.add(query.term());
            while (query.spaces() && query.at < q.length()) {
                query.word("and");
                query.spaces();
                terms.add(query.term());
            }
            if (query.at != q.length()) {
                throw new IllegalArgumentException("unexpected " + q.substring(query.at));
            }
            return terms;
        }

        private Term term() {
            if (text.startsWith("'", at)) {
                String id = string();
                spaces();
                word("in");
                spaces();
                word("parents");
                return file -> id.equals(file.parent());
            }
            String field = identifier();
            spaces();
            switch (field) {
                case "name", "mimeType" -> {
                    word("=");
                    spaces();
                    String value = string();
                    return field.equals("name") ? file -> value.equals(file.name()) : file -> value.equals(file.mimeType());
                }
                case "trashed" -> {
                    word("=");
                    spaces();
                    String value = identifier();
                    if (!value.equals("false") && !value.equals("true")) {
                        throw new IllegalArgumentException(value);
                    }
                    return file -> value.equals("false");   // nothing is ever trashed here
                }
                case "appProperties" -> {
                    word("has");
                    spaces();
                    word("{");
                    spaces();
                    word("key");
                    spaces();
                    word("=");
                    spaces();
                    String key = string();
                    spaces();
                    word("and");
                    spaces();
                    word("value");
                    spaces();
                    word("=");
                    spaces();
                    String value = string();
                    spaces();
                    word("}");
                    return file -> value.equals(file.appProperties().get(key));
                }
                default -> throw new IllegalArgumentException("unknown field " + field);
            }
        }

        private boolean spaces() {
            int start = at;
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
            return at > start || at == text.length();
        }

        private void word(String word) {
            if (!text.startsWith(word, at)) {
                throw new IllegalArgumentException("expected " + word + " at " + at);
            }
            at += word.length();
        }

        private String identifier() {
            int start = at;
            while (at < text.length() && Character.isLetter(text.charAt(at))) {
                at++;
            }
            if (start == at) {
                throw new IllegalArgumentException("expected a name at " + at);
            }
            return text.substring(start, at);
        }

        /** A single-quoted string; {@code \'} and {@code \\} escape. */
        private String string() {
            word("'");
            StringBuilder value = new StringBuilder();
            while (at < text.length() && text.charAt(at) != '\'') {
                char c = text.charAt(at++);
                if (c == '\\') {
                    if (at == text.length()) {
                        throw new IllegalArgumentException("dangling escape");
                    }
                    c = text.charAt(at++);
                    if (c != '\'' && c != '\\') {
                        throw new IllegalArgumentException("bad escape \\" + c);
                    }
                }
                value.append(c);
            }
            word("'");
            return value.toString();
        }
    }

    // ---------------------------------------------------------------- helpers

    private Instant created() {
        long now = Math.max(System.currentTimeMillis(), lastCreated + 1);   // distinct, increasing: "the oldest" is well defined
        lastCreated = now;
        return Instant.ofEpochMilli(now);
    }

    private String newId() {
        byte[] id = new byte[24];
        random.nextBytes(id);
        return "1" + Base64.getUrlEncoder().withoutPadding().encodeToString(id).substring(0, 32);
    }

    /** Google's error body for Drive: {"error":{"errors":[{"domain","reason","message"}],"code","message"}}. */
    private static Answer error(int status, String reason, String message) {
        ObjectNode json = JSON.createObjectNode();
        ObjectNode error = json.putObject("error");
        error.putArray("errors").addObject().put("domain", status == 403 && reason.endsWith("RateLimitExceeded") ? "usageLimits" : "global")
                .put("reason", reason).put("message", message);
        error.put("code", status).put("message", message);
        return Answer.of(status, json);
    }

    private static String message(int status, String reason) {
        return switch (reason == null ? "" : reason) {
            case "notFound" -> "File not found.";
            case "insufficientFilePermissions" -> "The user does not have sufficient permissions for this file.";
            case "userRateLimitExceeded" -> "User rate limit exceeded.";
            case "rateLimitExceeded" -> "Rate limit exceeded. User message: \"Sorry, you have exceeded your sharing quota.\"";
            case "backendError" -> "Backend Error";
            case "internalError" -> "Internal Error";
            default -> "Error " + status;
        };
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (answer.media() != null) {
            exchange.sendResponseHeaders(answer.status(), Files.size(answer.media()) == 0 ? -1 : Files.size(answer.media()));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(answer.media(), out);
            }
            return;
        }
        byte[] bytes = answer.json() == null ? new byte[0] : answer.json().toString().getBytes(UTF_8);
        if (answer.json() != null) {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans up
            }
        }
    }
}
