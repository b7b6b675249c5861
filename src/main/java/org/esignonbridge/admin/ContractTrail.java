package org.esignonbridge.admin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.esignonbridge.operations.Deliveries;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the admin page and API read: the exports of one contract with their params and deliveries,
 * the contracts of the last days, and the rejected bodies, newest first, redacted.
 */
@Component
public class ContractTrail {

    /** Column names in lower case on every database (H2 answers in upper case), as the JSON shows them. */
    private static final ColumnMapRowMapper ROWS = new ColumnMapRowMapper() {
        @Override
        protected String getColumnKey(String column) {
            return column.toLowerCase(Locale.ROOT);
        }
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectProvider<Deliveries> deliveries;
    private final Redaction redaction;
    private final Clock clock;

    public ContractTrail(NamedParameterJdbcTemplate jdbc, ObjectProvider<Deliveries> deliveries, Redaction redaction, Clock clock) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.redaction = redaction;
        this.clock = clock;
    }

    /** Every export of a contract, oldest first, each with its params and its deliveries per subscriber. */
    public List<Map<String, Object>> exports(String wfuid) {
        List<Map<String, Object>> exports = jdbc.query("SELECT id, received_at, worktype, status, workdatetime,"
                + " useremail, user_name, next_user_name, request_code, embed_mode, passed, excluded_reason"
                + " FROM esignon_export WHERE wfuid = :wfuid ORDER BY id", Map.of("wfuid", wfuid), ROWS);
        for (Map<String, Object> export : exports) {
            long id = ((Number) export.get("id")).longValue();
            Map<String, Object> params = new LinkedHashMap<>();
            jdbc.query("SELECT param_id, param_value FROM esignon_export_param WHERE export_id = :id ORDER BY param_order",
                    Map.of("id", id), rs -> {
                        params.put(rs.getString("param_id"), rs.getString("param_value"));
                    });
            export.put("params", params);
            export.put("deliveries", deliveries.stream().flatMap(d -> d.of(id).stream()).toList());
        }
        return exports;
    }

    /** One row per contract with an export in the last {@code days}: its latest step and how many exports it had. */
    public List<Map<String, Object>> recent(int days, int limit) {
        return jdbc.query("SELECT e.wfuid, e.id AS last_export_id, e.received_at, e.worktype, e.status, e.user_name, e.passed,"
                + " (SELECT COUNT(*) FROM esignon_export c WHERE c.wfuid = e.wfuid) AS exports"
                + " FROM esignon_export e WHERE e.received_at >= :since"
                + " AND e.id = (SELECT MAX(m.id) FROM esignon_export m WHERE m.wfuid = e.wfuid)"
                + " ORDER BY e.id DESC LIMIT :limit",
                Map.of("since", LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).minusDays(days), "limit", limit), ROWS);
    }

    /** Bodies refused with 400, newest first, secrets redacted. */
    public List<Map<String, Object>> rejected(int limit) {
        List<Map<String, Object>> rows = jdbc.query("SELECT id, received_at, reason, content_type, raw_body"
                + " FROM esignon_rejected_export ORDER BY received_at DESC, id DESC LIMIT :limit", Map.of("limit", limit), ROWS);
        // raw_body holds the bytes as they came (any encoding): shown as UTF-8, what does not decode as such replaced
        rows.forEach(row -> row.put("raw_body", redaction.redact(row.get("raw_body") instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8) : (String) row.get("raw_body"))));
        return rows;
    }
}
