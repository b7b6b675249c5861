package org.esignonbridge.receive;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * Turns an export body into the row stored in {@code esignon_export}: one entry per column, plus
 * {@code params}, the list of rows for {@code esignon_export_param}. Throws
 * {@link InvalidExportException} with a reason a person can act on when the body is not an export.
 */
@Component("exportParser")
public class ExportParser {

    /** eSignon's documented body fields, each stored in the column of its name. */
    private static final List<ExportColumn> BODY_FIELDS = ExportColumn.from(ExportColumn.From.BODY);

    /** The body keys that are eSignon's own fields; every other key is a param. */
    public static final Set<String> DOCUMENTED_FIELDS = BODY_FIELDS.stream().map(ExportColumn::column).collect(Collectors.toUnmodifiableSet());
    /** Longest param id accepted; an export carrying a longer one is refused. */
    public static final int PARAM_ID_MAX = 200;

    private static final Set<String> REQUIRED = Set.of("wfuid", "worktype", "status");
    private static final int HEADER_FIELD_MAX = 255;
    private static final String EMBED = "embed";

    /** eSignon writes {@code 2020-01-31 04:23:28.0}; ISO's {@code T} separator is accepted too. */
    private static final DateTimeFormatter WORKDATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private final ObjectMapper json = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final ExportProperties properties;
    private final Clock clock;

    public ExportParser(ExportProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** @param receivedAt when the export arrived, if it waited in the spool; null: now */
    public Map<String, Object> parse(@Body byte[] body, @Variable("received_at") LocalDateTime receivedAt) {
        String text = decodeUtf8(body);
        JsonNode root = readJson(text);
        JsonNode header = requireObject(root.get("header"), "header");
        JsonNode exportBody = requireObject(root.get("body"), "body");
        String apiName = text(header, "header", "api_name", HEADER_FIELD_MAX);
        if (!"export".equals(apiName)) {
            throw new InvalidExportException("header.api_name must be \"export\", got "
                    + (apiName == null ? "nothing" : quote(apiName)));
        }

        Map<String, Object> row = new LinkedHashMap<>();
        for (ExportColumn field : ExportColumn.from(ExportColumn.From.HEADER)) {
            row.put(field.column(), text(header, "header", field.column(), field.maxLength()));
        }
        for (ExportColumn field : BODY_FIELDS) {
            row.put(field.column(), text(exportBody, "body", field.column(), field.maxLength()));
        }
        for (String field : REQUIRED) {
            Object value = row.get(field);
            if (value == null || value.toString().isBlank()) {
                throw new InvalidExportException("body." + field + " is missing or empty");
            }
        }
        String workdatetime = (String) row.get("workdatetime");
        row.put("dedupe_key", dedupeKey(row));
        row.put("workdatetime", parseWorkdatetime(workdatetime));
        row.put("embed_mode", EMBED.equals(row.get("request_code")) || EMBED.equals(row.get("requestid")));
        row.put("received_at", receivedAt != null ? receivedAt : now());
        row.put("raw_body", text);
        row.put("params", params(exportBody));
        return row;
    }

    /** The row kept in {@code esignon_rejected_export} for a body that is not a valid export. */
    public Map<String, Object> rejected(byte[] body, String reason, String contentType, LocalDateTime receivedAt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("received_at", receivedAt != null ? receivedAt : now());
        row.put("reason", storable(reason.length() > 500 ? reason.substring(0, 500) : reason));
        row.put("content_type", storable(contentType == null || contentType.length() <= 255 ? contentType : contentType.substring(0, 255)));
        row.put("raw_body", body == null ? new byte[0] : body);   // the bytes as they came, whatever their encoding
        return row;
    }

    /** received_at is UTC, whatever the JVM's time zone. */
    public LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    private List<Map<String, Object>> params(JsonNode exportBody) {
        Map<String, String> values = new LinkedHashMap<>();
        exportBody.fields().forEachRemaining(entry -> {
            if (!DOCUMENTED_FIELDS.contains(entry.getKey())) {
                String id = requireParamId(storable(entry.getKey()));
                if (values.containsKey(id)) {   // JSON names are distinct (strict duplicate detection): this one became another's
                    throw new InvalidExportException("body has two params named \"" + id + "\" once U+0000 is stored as U+FFFD:"
                            + " a value would be lost, so nothing is stored");
                }
                values.put(id, paramValue(entry.getValue()));
            }
        });
        for (String declared : properties.params()) {
            values.putIfAbsent(declared, null);
        }
        List<Map<String, Object>> params = new ArrayList<>(values.size());
        values.forEach((id, value) -> {
            Map<String, Object> param = new LinkedHashMap<>();
            param.put("param_order", params.size() + 1);
            param.put("param_id", id);
            param.put("param_value", value);
            params.add(param);
        });
        return params;
    }

    private static String decodeUtf8(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidExportException("the body is empty: expected a JSON export");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidExportException("the body is not valid UTF-8 text");
        }
    }

    private JsonNode readJson(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (StreamConstraintsException e) {
            // Jackson's own limits (nesting depth, text and number length) keep a hostile body from
            // exhausting the stack or the heap; such an exception carries no location
            throw new InvalidExportException("the body is not an export: it exceeds a JSON limit (nested deeper than "
                    + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels, or a value too long): " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new InvalidExportException("the body is not valid JSON: " + e.getOriginalMessage() + where);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidExportException("the body must be a JSON object with \"header\" and \"body\"");
        }
        return root;
    }

    private static JsonNode requireObject(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            throw new InvalidExportException(name + " is missing");
        }
        if (!node.isObject()) {
            throw new InvalidExportException(name + " must be a JSON object, got " + kind(node));
        }
        return node;
    }

    /** A documented field: text, or a number or boolean written as text (the page does not promise strings). */
    private static String text(JsonNode parent, String parentName, String field, int maxLength) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw new InvalidExportException(parentName + "." + field + " must be text, got " + kind(node));
        }
        String value = storable(node.asText());
        if (maxLength > 0 && value.length() > maxLength) {
            throw new InvalidExportException(parentName + "." + field + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    private static String requireParamId(String id) {
        if (id.isBlank() || id.length() > PARAM_ID_MAX) {
            throw new InvalidExportException("body has a param name that is empty or longer than "
                    + PARAM_ID_MAX + " characters");
        }
        return id;
    }

    /** A param value as text; an object or array (not documented, but possible) is kept as its JSON. */
    private static String paramValue(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        return storable(node.isValueNode() ? node.asText() : node.toString());
    }

    /**
     * U+0000 ({@code \u0000} in JSON) becomes U+FFFD: PostgreSQL cannot store it in text, and a signed
     * contract's export must not be refused for it. {@code raw_body} keeps the escape as it was sent.
     */
    static String storable(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }

    private static LocalDateTime parseWorkdatetime(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim(), WORKDATETIME);
        } catch (DateTimeParseException e) {
            throw new InvalidExportException("body.workdatetime " + quote(value)
                    + " is not a date and time like \"2026-11-02 09:15:41.0\"");
        }
    }

    /**
     * Identifies one delivery of one signer's action: the same export sent again (a retry, a proxy)
     * has the same key. Hashing a JSON array keeps absent fields distinct from empty ones.
     */
    private String dedupeKey(Map<String, Object> row) {
        List<Object> identity = new ArrayList<>();
        for (String field : List.of("clientid", "wfuid", "processid", "actionid", "worktype", "status", "workdatetime")) {
            identity.add(row.get(field));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(identity));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    private static String quote(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        return "\"" + shown + "\"";
    }
}
