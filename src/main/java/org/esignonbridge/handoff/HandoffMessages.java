package org.esignonbridge.handoff;

import java.net.URI;
import java.net.URISyntaxException;
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

    /**
     * A signing link as a log may show it: its host alone. The path and query hold what opens the
     * contract (a token anywhere in them), so they are never shown.
     */
    public static String masked(String url) {
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
}
