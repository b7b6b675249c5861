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
     * Sets a delivered or parked item back to pending with its attempts reset; an item being
     * delivered right now is left alone. A replayed item counts as a redelivery, so the sheet looks
     * for its row before writing it again. Returns whether the item was set back.
     */
    public boolean replay(String subscriber, long itemId) {
        return jdbc.update("UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = :now, last_error = NULL, last_failure = NULL,"
                + " claimed_by = NULL, claimed_until = NULL WHERE subscriber = :name AND item_id = :id AND " + NOT_IN_FLIGHT,
                Map.of("name", subscriber, "id", itemId, "now", now())) == 1;
    }

    /** Sets every parked item of the subscriber back to pending; returns how many. */
    public int replayParked(String subscriber) {
        return jdbc.update("UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = :now, last_error = NULL, last_failure = NULL,"
                + " claimed_by = NULL, claimed_until = NULL WHERE subscriber = :name AND state = 'parked'",
                Map.of("name", subscriber, "now", now()));
    }

    /** The subscriber's pending items, oldest first. */
    public List<Map<String, Object>> pending(String subscriber, int limit) {
        return items(subscriber, "pending", limit);
    }

    /** The subscriber's parked items, oldest first, with their error. */
    public List<Map<String, Object>> parked(String subscriber, int limit) {
        return items(subscriber, "parked", limit);
    }

    private List<Map<String, Object>> items(String subscriber, String state, int limit) {
        return jdbc.query("SELECT d.subscriber, d.item_id, d.export_id, e.wfuid, d.state, d.attempts, d.next_attempt_at,"
                + " d.claimed_by, d.claimed_until, d.last_error, d.created_at, d.delivered_at"
                + " FROM delivery d LEFT JOIN esignon_export e ON e.id = d.export_id WHERE d.subscriber = :name AND d.state = :state"
                + " ORDER BY d.item_id LIMIT " + Math.max(1, limit), Map.of("name", subscriber, "state", state), LowerCaseColumns.ROWS);
    }

    @Override
    public List<Subscriber> subscribers() {
        LocalDateTime now = now();
        // why the oldest waiting item waits: the head of the line's last failure, if its last attempt failed
        Map<String, String[]> heads = new HashMap<>();
        jdbc.query("SELECT d.subscriber, d.last_failure, d.last_error FROM delivery d JOIN (SELECT subscriber, MIN(item_id) AS head"
                + " FROM delivery WHERE state = 'pending' GROUP BY subscriber) h ON h.subscriber = d.subscriber AND h.head = d.item_id",
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
                    return new Subscriber(rs.getString("name"), rs.getLong("pending"), rs.getLong("parked"), age,
                            rs.getLong("delivered"), rs.getLong("retries"), head[0], head[1], rs.getInt("retired") == 1);
                });
    }

    @Override
    public List<String> failures() {
        return Arrays.stream(DeliveryFailure.Kind.values()).map(DeliveryFailure.Kind::id).toList();
    }

    @Override
    public List<Delivery> of(long exportId) {
        return jdbc.query("SELECT subscriber, item_id, state, attempts, last_error, next_attempt_at, delivered_at FROM delivery"
                + " WHERE export_id = :export ORDER BY subscriber, item_id", Map.of("export", exportId),
                (rs, row) -> new Delivery(rs.getString("subscriber"), rs.getLong("item_id"), rs.getString("state"),
                        rs.getInt("attempts"), rs.getString("last_error"), rs.getObject("next_attempt_at", LocalDateTime.class),
                        rs.getObject("delivered_at", LocalDateTime.class)));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
