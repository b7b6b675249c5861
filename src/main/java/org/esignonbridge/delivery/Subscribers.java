package org.esignonbridge.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code subscriber} table: registers the subscribers whose routes this instance runs, keeps
 * them seen, and fans each stored delivery out to every active subscriber of its event. A subscriber
 * that no instance has seen for {@code esignon.delivery.retire-after} (its route was removed) is
 * retired: nothing new is queued for it, and it is active again as soon as its route is back.
 */
@Component
public class Subscribers {

    private static final Logger LOG = LoggerFactory.getLogger(Subscribers.class);
    private static final String INSERT_DELIVERY = "INSERT INTO delivery (subscriber, event_id, export_id, state, attempts,"
            + " next_attempt_at, created_at)";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration retireAfter;
    /** The subscribers whose routes this instance runs, by name. */
    private final Map<String, Subscriber> running = new ConcurrentHashMap<>();
    private volatile long seenAt = System.nanoTime();

    public Subscribers(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock, DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.retireAfter = properties.retireAfter();
    }

    /**
     * Registers the subscriber once, with its starting point: from now on, or every event already
     * stored (start-at: beginning). Known subscribers keep theirs, and are seen (active again if they
     * were retired). Called when its route is created, before the webhook accepts exports.
     */
    public void register(Subscriber subscriber) {
        running.put(subscriber.name(), subscriber);
        Map<String, Object> values = Map.of("name", subscriber.name(), "event", subscriber.event().id(),
                "start", subscriber.startAtBeginning() ? "beginning" : "now", "now", now());
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO subscriber (name, event, start_at, created_at, seen_at) VALUES (:name, :event, :start, :now, :now)",
                        values);
                if (subscriber.startAtBeginning()) {
                    jdbc.update(subscriber.event().ofExports()
                            ? INSERT_DELIVERY + " SELECT :name, e.id, e.id, 'pending', 0, :now, :now FROM esignon_export e WHERE "
                                    + subscriber.event().exportCondition()
                            : INSERT_DELIVERY + " SELECT :name, f.id, f.export_id, 'pending', 0, :now, :now FROM archive_file f"
                                    + " WHERE f.state = 'archived'", values);
                }
            });
            LOG.info("Subscriber {} registered for {}, starting {}", subscriber.name(), subscriber.event().id(),
                    subscriber.startAtBeginning() ? "with every stored event" : "with what arrives from now on");
        } catch (DuplicateKeyException known) {
            if (jdbc.update("UPDATE subscriber SET seen_at = :now WHERE name = :name AND seen_at < :retired", new MapSqlParameterSource(values)
                    .addValue("retired", now().minus(retireAfter))) == 1) {
                LOG.info("Subscriber {} is back: active again (what was stored while it was retired is not queued for it)",
                        subscriber.name());
            }
            String event = jdbc.queryForObject("SELECT event FROM subscriber WHERE name = :name", values, String.class);
            if (!subscriber.event().id().equals(event)) {
                LOG.warn("Subscriber {} was registered for {} and keeps it: give a route for {} its own subscriber name",
                        subscriber.name(), event, subscriber.event().id());
            }
        }
    }

    /** Registers again every subscriber this instance runs (after their rows were removed). */
    public void registerAll() {
        List.copyOf(running.values()).forEach(this::register);
    }

    /** Its route was removed from this instance: no longer seen here. */
    void removed(String name) {
        if (running.remove(name) != null) {
            LOG.info("Subscriber {}: its route was removed; retired after {} unless an instance runs it", name,
                    RetryPolicy.words(retireAfter));
        }
    }

    /** The subscriber whose route this instance runs; null once its route was removed. */
    Subscriber running(String name) {
        return running.get(name);
    }

    /**
     * Marks the subscribers this instance runs as seen, when it last did so a fifth of retire-after
     * ago: called with the engine's shared look for due work, so idle it adds one statement per
     * fifth of retire-after (with the default, one every few hours).
     */
    void keepSeen() {
        if (System.nanoTime() - seenAt < retireAfter.toNanos() / 5 || running.isEmpty()) {
            return;
        }
        seenAt = System.nanoTime();
        jdbc.update("UPDATE subscriber SET seen_at = :now WHERE name IN (:names)",
                Map.of("now", now(), "names", List.copyOf(running.keySet())));
    }

    /** An event to queue for every subscriber of it. */
    public record Queued(long eventId, long exportId, Event event) {
    }

    /**
     * Queues deliveries for every active subscriber of their events, in the caller's transaction: the
     * fan-out of the receive transaction (a group's exports in one batch) and of the archive when it
     * records a file. It reads only the small subscriber table: its cost never grows with what is stored.
     */
    public void fanOut(List<Queued> events) {
        if (events.isEmpty()) {
            return;
        }
        LocalDateTime now = now();
        Map<String, List<String>> subscribers = new HashMap<>();
        jdbc.query("SELECT name, event FROM subscriber WHERE seen_at >= :retired", Map.of("retired", now.minus(retireAfter)), rs -> {
            subscribers.computeIfAbsent(rs.getString("event"), event -> new ArrayList<>()).add(rs.getString("name"));
        });
        List<SqlParameterSource> rows = new ArrayList<>();
        for (Queued event : events) {
            for (String subscriber : subscribers.getOrDefault(event.event().id(), List.of())) {
                rows.add(new MapSqlParameterSource("name", subscriber).addValue("event", event.eventId())
                        .addValue("export", event.exportId()).addValue("now", now));
            }
        }
        // plain VALUES: MariaDB's batch protocol cannot run an INSERT ... SELECT
        jdbc.batchUpdate(INSERT_DELIVERY + " VALUES (:name, :event, :export, 'pending', 0, :now, :now)",
                rows.toArray(SqlParameterSource[]::new));
    }

    /** Since when a subscriber not seen is retired. */
    LocalDateTime retiredBefore() {
        return now().minus(retireAfter);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
