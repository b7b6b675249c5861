package org.esignonbridge.admin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.esignonbridge.receive.ExportProperties;
import org.springframework.stereotype.Component;

/**
 * What the admin page and API show of a stored body: the export secret and any
 * {@code "authorization"} value replaced, and signing-link tokens cut to their first four characters.
 */
@Component
public class Redaction {

    static final String REDACTED = "[redacted]";
    private static final Pattern AUTHORIZATION = Pattern.compile("(\"authorization\"\\s*:\\s*\")[^\"]*(\")", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN = Pattern.compile("((?:token|key|sig)=)([^&\"\\s]{0,4})[^&\"\\s]*", Pattern.CASE_INSENSITIVE);

    private final String secret;

    public Redaction(ExportProperties export) {
        this.secret = export.authorization();
    }

    public String redact(String body) {
        if (body == null) {
            return null;
        }
        String redacted = secret == null || secret.isEmpty() ? body : body.replace(secret, REDACTED);
        redacted = AUTHORIZATION.matcher(redacted).replaceAll("$1" + REDACTED + "$2");
        return TOKEN.matcher(redacted).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + match.group(2) + "…"));
    }
}
