package org.esignonbridge.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.camel.Body;
import org.esignonbridge.receive.ExportProperties;
import org.springframework.stereotype.Component;

/**
 * What may be stored, shown or logged of a secret or a link: the one place that decides it.
 * <ul>
 * <li>{@link #forStorage}: an export's body as the database keeps it. eSignon's start-contract API
 * lets an export's {@code header} echo {@code authorization}: the value of every {@code header} key
 * named {@code authorization} (any case) becomes {@code "[redacted]"}, and so does the export secret
 * wherever else it appears. Everything else stays byte for byte as it came, also in a body that is
 * not valid JSON (its readable part is redacted).</li>
 * <li>{@link #forDisplay}: a stored body as the admin page and API show it: also any
 * {@code "authorization"} value, and signing-link tokens cut to their first four characters.</li>
 * <li>{@link #forLog}: a link as a log line shows it: its host alone.</li>
 * </ul>
 */
@Component("redactor")
public class Redactor {

    public static final String REDACTED = "[redacted]";
    private static final byte[] REDACTED_BYTES = REDACTED.getBytes(StandardCharsets.UTF_8);
    private static final byte[] REDACTED_JSON = ("\"" + REDACTED + "\"").getBytes(StandardCharsets.UTF_8);
    private static final Pattern AUTHORIZATION = Pattern.compile("(\"authorization\"\\s*:\\s*\")[^\"]*(\")", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN = Pattern.compile("((?:token|key|sig)=)([^&\"\\s]{0,4})[^&\"\\s]*", Pattern.CASE_INSENSITIVE);

    private final JsonFactory json = new JsonFactory();
    private final String secret;

    public Redactor(ExportProperties export) {
        this.secret = export.authorization();
    }

    /** An export's body as stored: {@code header.authorization} and the secret redacted, all else as it came. */
    public byte[] forStorage(@Body byte[] body) {
        if (body == null || body.length == 0) {
            return body;
        }
        return replaceAll(redactHeaderAuthorization(body), secret.getBytes(StandardCharsets.UTF_8), REDACTED_BYTES);
    }

    /** A stored body as the admin shows it: the secret and any authorization value redacted, tokens cut. */
    public String forDisplay(String body) {
        if (body == null) {
            return null;
        }
        String redacted = body.replace(secret, REDACTED);
        redacted = AUTHORIZATION.matcher(redacted).replaceAll("$1" + REDACTED + "$2");
        return TOKEN.matcher(redacted).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + match.group(2) + "…"));
    }

    /**
     * A link (a signing link) as a log may show it: its host alone. The path and query hold what
     * opens the contract (a token anywhere in them), so they are never shown.
     */
    public static String forLog(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri.getScheme() + "://" + uri.getHost() + "/****";
            }
        } catch (URISyntaxException e) {
            // not a URL: nothing of it is shown
        }
        return "****";
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
