package org.esignonbridge.receive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/**
 * Keeps secrets out of the database and the log. eSignon's start-contract API lets an export's
 * {@code header} echo {@code authorization}: the value of every {@code header} key named
 * {@code authorization} (any case) becomes {@code "[redacted]"}, and so does the configured secret
 * wherever else it appears. Everything else stays byte for byte as it came, also in a body that is
 * not valid JSON (its readable part is redacted).
 */
@Component("exportRedactor")
public class ExportRedactor {

    static final String REDACTED = "[redacted]";
    private static final byte[] REDACTED_JSON = ("\"" + REDACTED + "\"").getBytes(StandardCharsets.UTF_8);

    private final JsonFactory json = new JsonFactory();
    private final byte[] secret;

    public ExportRedactor(ExportProperties properties) {
        this.secret = properties.authorization().getBytes(StandardCharsets.UTF_8);
    }

    public byte[] redact(@Body byte[] body) {
        if (body == null || body.length == 0) {
            return body;
        }
        return replaceAll(redactHeaderAuthorization(body), secret, REDACTED.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces the value of {@code header.authorization} (any case), wherever the body is readable JSON. */
    private byte[] redactHeaderAuthorization(byte[] body) {
        List<long[]> ranges = new ArrayList<>();
        try (JsonParser parser = json.createParser(body)) {
            int depth = 0;
            boolean inHeader = false;
            String field = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                    continue;
                }
                if (inHeader && depth == 2 && "authorization".equalsIgnoreCase(field)) {
                    long start = parser.currentTokenLocation().getByteOffset();
                    if (token.isStructStart()) {
                        parser.skipChildren();
                    } else {
                        parser.finishToken();
                    }
                    ranges.add(new long[] {start, parser.currentLocation().getByteOffset()});
                } else if (token.isStructStart()) {
                    depth++;
                    inHeader = depth == 2 ? token == JsonToken.START_OBJECT && "header".equals(field) : inHeader && depth > 2;
                } else if (token.isStructEnd()) {
                    depth--;
                    inHeader = inHeader && depth >= 2;
                }
                field = null;
            }
        } catch (IOException notJsonFromHere) {
            // what was read up to the mistake is redacted; the rest is not JSON and has no header
        }
        if (ranges.isEmpty()) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int at = 0;
        for (long[] range : ranges) {
            out.write(body, at, (int) range[0] - at);
            out.writeBytes(REDACTED_JSON);
            at = (int) range[1];
        }
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private static byte[] replaceAll(byte[] body, byte[] target, byte[] replacement) {
        ByteArrayOutputStream out = null;
        int at = 0;
        for (int i = 0; i <= body.length - target.length; i++) {
            if (matchesAt(body, i, target)) {
                if (out == null) {
                    out = new ByteArrayOutputStream(body.length);
                }
                out.write(body, at, i - at);
                out.writeBytes(replacement);
                at = i + target.length;
                i = at - 1;
            }
        }
        if (out == null) {
            return body;
        }
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private static boolean matchesAt(byte[] body, int offset, byte[] target) {
        for (int j = 0; j < target.length; j++) {
            if (body[offset + j] != target[j]) {
                return false;
            }
        }
        return true;
    }
}
