package org.esignonbridge.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.esignonbridge.config.LowerCaseColumns;
import org.esignonbridge.operations.DeliveryBacklog;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What operations see of the delivery engine and do with it, read from its tables: each
 * subscriber's backlog ({@link DeliveryBacklog}: health, metrics, the admin page), the pending and
 * parked lists, and replay.
 */
@Component
public class DeliveryOperations implements DeliveryBacklog {

    private static final String NOT_IN_FLIGHT = "NOT (state = 'pending' AND claimed_until IS NOT NULL AND claimed_until >= :now)";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final Subscribers subscribers;

    public DeliveryOperations(NamedParameterJdbcTemplate jdbc, Clock clock, Subscribers subscribers) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.subscribers = subscribers;
    }

    /**
     * Sets a delivered or parked delivery back to pending with its attempts reset; a delivery being
     * delivered right now is left alone. A replayed delivery counts as a redelivery, so the sheet looks
     * for its row before writing it again. Returns whether the delivery was set back.
     */
    public boolean replay(String subscriber, long eventId) {
        return jdbc.update("UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = :now, last_error = NULL, last_failure = NULL,"
                + " claimed_by = NULL, claimed_until = NULL WHERE subscriber = :name AND event_id = :id AND " + NOT_IN_FLIGHT,
                Map.of("name", subscriber, "id", eventId, "now", now())) == 1;
    }

    /** Sets every parked delivery of the subscriber back to pending; returns how many. */
    public int replayParked(String subscriber) {
        return jdbc.update("UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = :now, last_error = NULL, last_failure = NULL,"
                + " claimed_by = NULL, claimed_until = NULL WHERE subscriber = :name AND state = 'parked'",
                Map.of("name", subscriber, "now", now()));
    }

    /** The subscriber's pending deliveries, oldest first. */
    public List<Map<String, Object>> pending(String subscriber, int limit) {
        return deliveries(subscriber, "pending", limit);
    }

    /** The subscriber's parked deliveries, oldest first, with their error. */
    public List<Map<String, Object>> parked(String subscriber, int limit) {
        return deliveries(subscriber, "parked", limit);
    }

    private List<Map<String, Object>> deliveries(String subscriber, String state, int limit) {
        return jdbc.query("SELECT d.subscriber, d.event_id, d.export_id, e.wfuid, d.state, d.attempts, d.next_attempt_at,"
                + " d.claimed_by, d.claimed_until, d.last_error, d.created_at, d.delivered_at"
                + " FROM delivery d LEFT JOIN esignon_export e ON e.id = d.export_id WHERE d.subscriber = :name AND d.state = :state"
                + " ORDER BY d.event_id LIMIT " + Math.max(1, limit), Map.of("name", subscriber, "state", state), LowerCaseColumns.ROWS);
    }

    @Override
    public List<Backlog> subscribers() {
        LocalDateTime now = now();
        // why the oldest waiting delivery waits: the head of the line's last failure, if its last attempt failed
        Map<String, String[]> heads = new HashMap<>();
        jdbc.query("SELECT d.subscriber, d.last_failure, d.last_error FROM delivery d JOIN (SELECT subscriber, MIN(event_id) AS head"
                + " FROM delivery WHERE state = 'pending' GROUP BY subscriber) h ON h.subscriber = d.subscriber AND h.head = d.event_id",
                rs -> {
                    heads.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                });
        return jdbc.query("SELECT s.name, CASE WHEN s.seen_at < :retired THEN 1 ELSE 0 END AS retired,"
                + " SUM(CASE WHEN d.state = 'pending' THEN 1 ELSE 0 END) AS pending,"
                + " SUM(CASE WHEN d.state = 'parked' THEN 1 ELSE 0 END) AS parked,"
                + " SUM(CASE WHEN d.state = 'delivered' THEN 1 ELSE 0 END) AS delivered,"
                + " SUM(CASE WHEN d.attempts > 1 THEN d.attempts - 1 ELSE 0 END) AS retries,"
                + " MIN(CASE WHEN d.state = 'pending' THEN d.created_at END) AS oldest"
                + " FROM subscriber s LEFT JOIN delivery d ON d.subscriber = s.name GROUP BY s.name, s.seen_at ORDER BY s.name",
                Map.of("retired", subscribers.retiredBefore()), (rs, row) -> {
                    LocalDateTime oldest = rs.getObject("oldest", LocalDateTime.class);
                    Duration age = oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
                    String[] head = heads.getOrDefault(rs.getString("name"), new String[2]);
                    return new Backlog(rs.getString("name"), rs.getLong("pending"), rs.getLong("parked"), age,
                            rs.getLong("delivered"), rs.getLong("retries"), head[0], head[1], rs.getInt("retired") == 1);
                });
    }

    @Override
    public List<String> failures() {
        return Arrays.stream(DeliveryFailure.Kind.values()).map(DeliveryFailure.Kind::id).toList();
    }

    @Override
    public List<Delivery> of(long exportId) {
        return jdbc.query("SELECT subscriber, event_id, state, attempts, last_error, next_attempt_at, delivered_at FROM delivery"
                + " WHERE export_id = :export ORDER BY subscriber, event_id", Map.of("export", exportId),
                (rs, row) -> new Delivery(rs.getString("subscriber"), rs.getLong("event_id"), rs.getString("state"),
                        rs.getInt("attempts"), rs.getString("last_error"), rs.getObject("next_attempt_at", LocalDateTime.class),
                        rs.getObject("delivered_at", LocalDateTime.class)));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
