package org.esignonbridge.handoff;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.esignonbridge.receive.ExportQueue;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Queues the hand-off of every embed-mode export that carries the next signer's {@code play_url},
 * with the message the company's endpoint will receive.
 */
@Component
@ConditionalOnProperty(name = "esignon.embed.enabled", havingValue = "true", matchIfMissing = true)
public class HandoffQueue implements ExportQueue {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public HandoffQueue(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void enqueue(long exportId, Map<String, Object> export) {
        Object playUrl = export.get("play_url");
        if (!Boolean.TRUE.equals(export.get("embed_mode")) || playUrl == null || playUrl.toString().isBlank()) {
            return;
        }
        jdbc.update("INSERT INTO signer_handoff (export_id, queued_at, state, message, attempts) VALUES (?, ?, 'pending', ?, 0)",
                exportId, LocalDateTime.now(clock.withZone(ZoneOffset.UTC)), message(exportId, export));
    }

    @SuppressWarnings("unchecked")
    private String message(long exportId, Map<String, Object> export) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("export_id", exportId);
        message.put("wfuid", export.get("wfuid"));
        message.put("next_user_name", export.get("next_user_name"));
        message.put("next_play_user", export.get("next_play_user"));
        message.put("play_url", export.get("play_url"));
        Map<String, Object> params = new LinkedHashMap<>();
        for (Map<String, Object> param : (List<Map<String, Object>>) export.get("params")) {
            params.put((String) param.get("param_id"), param.get("param_value"));
        }
        message.put("params", params);
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
