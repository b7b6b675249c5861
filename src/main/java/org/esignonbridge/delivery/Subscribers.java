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
 * them seen, and fans each stored item out to every active subscriber of its seam. A subscriber
 * that no instance has seen for {@code esignon.delivery.retire-after} (its route was removed) is
 * retired: nothing new is queued for it, and it is active again as soon as its route is back.
 */
@Component
public class Subscribers {

    private static final Logger LOG = LoggerFactory.getLogger(Subscribers.class);
    private static final String INSERT_DELIVERY = "INSERT INTO delivery (subscriber, item_id, export_id, state, attempts,"
            + " next_attempt_at, created_at)";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration retireAfter;
    /** The subscribers whose routes this instance runs, by name. */
    private final Map<String, Subscription> running = new ConcurrentHashMap<>();
    private volatile long seenAt = System.nanoTime();

    public Subscribers(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock, DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.retireAfter = properties.retireAfter();
    }

    /**
     * Registers the subscriber once, with its starting point: from now on, or every item already
     * stored (start-at: beginning). Known subscribers keep theirs, and are seen (active again if they
     * were retired). Called when its route is created, before the webhook accepts exports.
     */
    public void register(Subscription subscription) {
        running.put(subscription.name(), subscription);
        Map<String, Object> values = Map.of("name", subscription.name(), "seam", subscription.seam().id(),
                "start", subscription.startAtBeginning() ? "beginning" : "now", "now", now());
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO subscriber (name, seam, start_at, created_at, seen_at) VALUES (:name, :seam, :start, :now, :now)",
                        values);
                if (subscription.startAtBeginning()) {
                    jdbc.update(subscription.seam().ofExports()
                            ? INSERT_DELIVERY + " SELECT :name, e.id, e.id, 'pending', 0, :now, :now FROM esignon_export e WHERE "
                                    + subscription.seam().exportCondition()
                            : INSERT_DELIVERY + " SELECT :name, f.id, f.export_id, 'pending', 0, :now, :now FROM archive_file f"
                                    + " WHERE f.state = 'archived'", values);
                }
            });
            LOG.info("Subscriber {} registered for {}, starting {}", subscription.name(), subscription.seam().id(),
                    subscription.startAtBeginning() ? "with every stored item" : "with what arrives from now on");
        } catch (DuplicateKeyException known) {
            if (jdbc.update("UPDATE subscriber SET seen_at = :now WHERE name = :name AND seen_at < :retired", new MapSqlParameterSource(values)
                    .addValue("retired", now().minus(retireAfter))) == 1) {
                LOG.info("Subscriber {} is back: active again (what was stored while it was retired is not queued for it)",
                        subscription.name());
            }
            String seam = jdbc.queryForObject("SELECT seam FROM subscriber WHERE name = :name", values, String.class);
            if (!subscription.seam().id().equals(seam)) {
                LOG.warn("Subscriber {} was registered for {} and keeps it: give a route for {} its own subscriber name",
                        subscription.name(), seam, subscription.seam().id());
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
    Subscription running(String name) {
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

    /** An item to queue for every subscriber of its seam. */
    public record Queued(long itemId, long exportId, Seam seam) {
    }

    /**
     * Queues items for every active subscriber of their seams, in the caller's transaction: the
     * fan-out of the receive transaction (a group's exports in one batch) and of the archive when it
     * records a file. It reads only the small subscriber table: its cost never grows with what is stored.
     */
    public void fanOut(List<Queued> items) {
        if (items.isEmpty()) {
            return;
        }
        LocalDateTime now = now();
        Map<String, List<String>> subscribers = new HashMap<>();
        jdbc.query("SELECT name, seam FROM subscriber WHERE seen_at >= :retired", Map.of("retired", now.minus(retireAfter)), rs -> {
            subscribers.computeIfAbsent(rs.getString("seam"), seam -> new ArrayList<>()).add(rs.getString("name"));
        });
        List<SqlParameterSource> rows = new ArrayList<>();
        for (Queued item : items) {
            for (String subscriber : subscribers.getOrDefault(item.seam().id(), List.of())) {
                rows.add(new MapSqlParameterSource("name", subscriber).addValue("item", item.itemId())
                        .addValue("export", item.exportId()).addValue("now", now));
            }
        }
        // plain VALUES: MariaDB's batch protocol cannot run an INSERT ... SELECT
        jdbc.batchUpdate(INSERT_DELIVERY + " VALUES (:name, :item, :export, 'pending', 0, :now, :now)",
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
