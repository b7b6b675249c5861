package org.esignonbridge.handoff;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/** The hand-off message of a signing-link export. */
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
}
