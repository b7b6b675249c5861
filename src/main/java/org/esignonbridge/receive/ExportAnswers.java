package org.esignonbridge.receive;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/** The JSON answer for an export that was not stored; {@link ExportStore} answers for those that were. */
@Component("exportAnswers")
public class ExportAnswers {

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
