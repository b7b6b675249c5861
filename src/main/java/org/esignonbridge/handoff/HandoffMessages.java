package org.esignonbridge.handoff;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/** The hand-off message of a signing-link export, and the link as a log may show it. */
@Component("handoffMessages")
public class HandoffMessages {

    /** {@code {"export_id", "wfuid", "next_user_name", "next_play_user", "play_url", "params"}} */
    public Map<String, Object> message(Map<String, Object> export) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("export_id", export.get("id"));
        for (String field : new String[] {"wfuid", "next_user_name", "next_play_user", "play_url", "params"}) {
            message.put(field, export.get(field));
        }
        return message;
    }

    /** A signing link as it may appear in a log: its host and path, not the token that opens the contract. */
    public static String masked(String url) {
        if (url == null) {
            return null;
        }
        int query = url.indexOf('?');
        return query < 0 ? url.replaceAll("[^/]{4,}$", "****") : url.substring(0, query) + "?****";
    }
}
