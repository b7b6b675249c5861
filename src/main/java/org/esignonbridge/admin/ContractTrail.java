package org.esignonbridge.admin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.esignonbridge.config.LowerCaseColumns;
import org.esignonbridge.config.Redactor;
import org.esignonbridge.operations.DeliveryBacklog;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the admin page and API read: the exports of one contract with their params, archived files
 * and deliveries, the contracts of the last days with each subscriber's state, and the rejected bodies,
 * newest first, redacted.
 */
@Component
public class ContractTrail {

    private static final ColumnMapRowMapper ROWS = LowerCaseColumns.ROWS;
    /** Delivery states, most in need of a look first. */
    private static final List<String> STATES = List.of("parked", "pending", "delivered");

    private final NamedParameterJdbcTemplate jdbc;
    private final DeliveryBacklog deliveries;
    private final Redactor redactor;
    private final Clock clock;

    public ContractTrail(NamedParameterJdbcTemplate jdbc, DeliveryBacklog deliveries, Redactor redactor, Clock clock) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.redactor = redactor;
        this.clock = clock;
    }

    /** Every export of a contract, oldest first, each with its params, archived files and deliveries per subscriber. */
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
            export.put("files", jdbc.query("SELECT id, kind, state, stored_path, size_bytes, sha256, fetched_at"
                    + " FROM archive_file WHERE export_id = :id ORDER BY id", Map.of("id", id), ROWS));
            export.put("deliveries", deliveries.of(id));
        }
        return exports;
    }

    /**
     * One row per contract with an export in the last {@code days}: its latest step, how many
     * exports it had, and each subscriber's state over them ({@code subscribers}: subscriber to the worst of
     * parked, pending, delivered).
     */
    public List<Map<String, Object>> recent(int days, int limit) {
        List<Map<String, Object>> contracts = jdbc.query("SELECT e.wfuid, e.id AS last_export_id, e.received_at, e.worktype, e.status, e.user_name, e.passed,"
                + " (SELECT COUNT(*) FROM esignon_export c WHERE c.wfuid = e.wfuid) AS exports"
                + " FROM esignon_export e WHERE e.received_at >= :since"
                + " AND e.id = (SELECT MAX(m.id) FROM esignon_export m WHERE m.wfuid = e.wfuid)"
                + " ORDER BY e.id DESC LIMIT :limit",
                Map.of("since", LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).minusDays(days), "limit", limit), ROWS);
        Map<String, Map<String, String>> subscribers = new HashMap<>();
        contracts.forEach(contract -> subscribers.put((String) contract.get("wfuid"), new TreeMap<>()));
        if (!subscribers.isEmpty()) {
            jdbc.query("SELECT e.wfuid, d.subscriber, d.state FROM delivery d JOIN esignon_export e ON e.id = d.export_id"
                    + " WHERE e.wfuid IN (:wfuids)", Map.of("wfuids", subscribers.keySet()), rs -> {
                        subscribers.get(rs.getString(1)).merge(rs.getString(2), rs.getString(3), ContractTrail::worse);
                    });
        }
        contracts.forEach(contract -> contract.put("subscribers", subscribers.get((String) contract.get("wfuid"))));
        return contracts;
    }

    /** The state that needs a look first: parked, then pending, then delivered. */
    private static String worse(String one, String other) {
        return STATES.indexOf(one) <= STATES.indexOf(other) ? one : other;
    }

    /** Bodies refused with 400, newest first, secrets redacted. */
    public List<Map<String, Object>> rejected(int limit) {
        List<Map<String, Object>> rows = jdbc.query("SELECT id, received_at, reason, content_type, raw_body"
                + " FROM esignon_rejected_export ORDER BY received_at DESC, id DESC LIMIT :limit", Map.of("limit", limit), ROWS);
        // raw_body holds the bytes as they came (any encoding): shown as UTF-8, what does not decode as such replaced
        rows.forEach(row -> row.put("raw_body", redactor.forDisplay(row.get("raw_body") instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8) : (String) row.get("raw_body"))));
        return rows;
    }
}
