package org.esignonbridge.receive;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/** The JSON answer for an export that was not stored; {@link ExportStore} answers for those that were. */
@Component("exportAnswers")
public class ExportAnswers {

    private final String retryAfter;

    public ExportAnswers(ExportProperties properties) {
        this.retryAfter = Long.toString(properties.retryAfter().toSeconds());
    }

    /**
     * The {@code Retry-After} of every 503 the webhook answers (starting or stopping; database and
     * spool both unavailable), in seconds: {@code esignon.export.retry-after}.
     */
    public String retryAfter() {
        return retryAfter;
    }

    /** A code a program can test and a message a person can act on. */
    public Map<String, Object> refused(String error, String message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", false);
        answer.put("error", error);
        answer.put("message", message);
        return answer;
    }

    /** Accepted while the database is unreachable: kept in the spool on disk and stored once it is back. */
    public Map<String, Object> spooled() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", true);
        answer.put("spooled", true);
        return answer;
    }
}
