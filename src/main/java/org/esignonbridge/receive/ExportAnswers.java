package org.esignonbridge.receive;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/** The small JSON answers the export endpoint gives; routes marshal them with Jackson. */
@Component("exportAnswers")
public class ExportAnswers {

    /** Stored now: its id, and whether it passed the filters (and why not). */
    public Map<String, Object> accepted(@Variable("export_id") Object id, @Variable("passed") Boolean passed,
                                        @Variable("excluded_reason") String excludedReason) {
        Map<String, Object> answer = answer(true);
        answer.put("id", id);
        answer.put("passed", passed);
        answer.put("duplicate", false);
        if (excludedReason != null) {
            answer.put("excluded_reason", excludedReason);
        }
        return answer;
    }

    /** Stored before: the same export delivered again. {@code stored} is the earlier row's id and passed. */
    public Map<String, Object> duplicate(Map<String, Object> stored) {
        Map<String, Object> answer = answer(true);
        answer.put("id", stored.get("id"));
        answer.put("passed", stored.get("passed"));
        answer.put("duplicate", true);
        return answer;
    }

    /** Not stored (or stored only as rejected): a code a program can test and a message a person can read. */
    public Map<String, Object> refused(String error, String message) {
        Map<String, Object> answer = answer(false);
        answer.put("error", error);
        answer.put("message", message);
        return answer;
    }

    private static Map<String, Object> answer(boolean accepted) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", accepted);
        return answer;
    }
}
