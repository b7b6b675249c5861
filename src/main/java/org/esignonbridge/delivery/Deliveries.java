package org.esignonbridge.delivery;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;


import jakarta.annotation.PreDestroy;

import org.esignonbridge.config.LastError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery engine's claims and outcomes, over the {@code delivery} table: claims due items with
 * the database's own row locks (FOR UPDATE SKIP LOCKED, so several instances share the work and never
 * take the same item) for the subscriber's route, and records the outcome: delivered, retried after
 * the wait its failure needs, or parked when retrying cannot help (the items behind go on). What is
 * registered and fanned out is {@link Subscribers}'; what a claim hands over, {@link DeliveryMessages}';
 * what operations see and replay, {@link DeliveryOperations}'.
 */
@Component("deliveries")
public class Deliveries {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    private static final String DUE = "state = 'pending' AND next_attempt_at <= :now";
    private static final String CLAIMABLE = DUE + " AND (claimed_until IS NULL OR claimed_until < :now)";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final DeliveryProperties properties;
    private final Subscribers subscribers;
    private final List<DeliveryAdvice> advice;
    /** claimed_by and lease_owner: which instance holds the work */
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    /** Per subscriber, the batch size while a refused batch is being split to find the refused item. */
    private final Map<String, Integer> splitSize = new ConcurrentHashMap<>();
    /** Per subscriber, failed deliveries since its last delivered one: what an outage's back-off grows with. */
    private final Map<String, Integer> failuresInARow = new ConcurrentHashMap<>();
    private volatile Set<String> due = ConcurrentHashMap.newKeySet();
    private volatile long dueCheckedAt = System.nanoTime() - Long.MAX_VALUE / 2;

    public Deliveries(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock, DeliveryProperties properties,
                      Subscribers subscribers, List<DeliveryAdvice> advice) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.properties = properties;
        this.subscribers = subscribers;
        this.advice = advice;
    }

    /**
     * Claims the subscriber's next due items, committed before anything is delivered; null when
     * there is nothing to do. A subscriber without due work costs no query: one shared query per
     * poll interval tells which subscribers have some.
     */
    public Claim claim(String subscriber) {
        Subscription subscription = subscribers.running(subscriber);
        if (subscription == null || !dueSubscribers().contains(subscriber)) {   // null: the route it fed was removed
            return null;
        }
        int size = splitSize.getOrDefault(subscriber, subscription.batchSize());
        LocalDateTime now = now();
        MapSqlParameterSource values = new MapSqlParameterSource("name", subscriber).addValue("now", now)
                .addValue("me", instance).addValue("until", now.plus(subscription.lease()));
        Claim claim = transaction.execute(status -> {
            if (subscription.singleWriter() && jdbc.update("UPDATE subscriber SET lease_owner = :me, lease_until = :until"
                    + " WHERE name = :name AND (lease_owner = :me OR lease_until IS NULL OR lease_until < :now)", values) == 0) {
                return null; // another instance is the writer
            }
            // a single writer keeps the order: it waits while its oldest pending item waits for its retry
            String which = subscription.singleWriter() ? "state = 'pending'" : CLAIMABLE;
            List<Claim.Item> items = new ArrayList<>();
            for (Map<String, Object> row : jdbc.queryForList("SELECT item_id, export_id, attempts, delivered_at,"
                    + " CASE WHEN " + CLAIMABLE + " THEN 1 ELSE 0 END AS claimable FROM delivery"
                    + " WHERE subscriber = :name AND " + which + " ORDER BY item_id LIMIT " + size + " FOR UPDATE SKIP LOCKED", values)) {
                if (((Number) row.get("claimable")).intValue() == 0) {
                    break;
                }
                items.add(new Claim.Item(((Number) row.get("item_id")).longValue(), ((Number) row.get("export_id")).longValue(),
                        ((Number) row.get("attempts")).intValue() + 1, row.get("delivered_at") != null));
            }
            if (items.isEmpty()) {
                return null;
            }
            jdbc.update("UPDATE delivery SET claimed_by = :me, claimed_until = :until, attempts = attempts + 1"
                    + " WHERE subscriber = :name AND item_id IN (:ids)", values.addValue("ids", items.stream().map(Claim.Item::itemId).toList()));
            return new Claim(subscription, items);
        });
        if (claim == null || claim.items().size() < size) {
            due.remove(subscriber); // drained: wait for the next shared look
        }
        return claim;
    }

    public void delivered(Claim claim) {
        // claimed_by stays: which instance delivered it
        jdbc.update("UPDATE delivery SET state = 'delivered', delivered_at = :now, claimed_until = NULL,"
                + " last_error = NULL, last_failure = NULL WHERE subscriber = :name AND item_id IN (:ids) AND state = 'pending'", values(claim));
        failuresInARow.remove(claim.subscription().name());
        splitSize.computeIfPresent(claim.subscription().name(),
                (name, size) -> size * 2 >= claim.subscription().batchSize() ? null : size * 2);
    }

    /**
     * Any exception counts the attempt, and writes one log line. What it means is asked of the sinks'
     * {@link DeliveryAdvice}, then of {@link DeliveryFailures}: a refused batch is split to find the
     * refused item, which is parked alone; a receiver that did not apply it or may have (a quota, an
     * outage, no answer) is tried again after {@link RetryPolicy#delayAfter(DeliveryFailure, int, int)}
     * for as long as it takes, never parked for it; anything else is parked after max-attempts.
     */
    public void failed(Claim claim, Throwable exception) {
        Subscription subscription = claim.subscription();
        DeliveryFailure failure = classify(exception);
        String hint = advice.stream().map(a -> a.advise(exception)).filter(Objects::nonNull).map(a -> " " + a).findFirst().orElse("");
        String error = LastError.fit(failure.kind().words() + ": " + String.valueOf(failure.cause()).replaceAll("\\.$", ""));
        if (failure.kind() == DeliveryFailure.Kind.REFUSED && claim.items().size() > 1) {
            int half = Math.max(1, claim.items().size() / 2);
            splitSize.put(subscription.name(), half);
            LOG.warn("Subscriber {}: {} were refused ({}); trying {} at a time to find the item",
                    subscription.name(), items(claim.items()), failure.cause(), half);
            jdbc.update("UPDATE delivery SET attempts = attempts - 1, claimed_by = NULL, claimed_until = NULL, last_error = :error,"
                    + " last_failure = :failure WHERE subscriber = :name AND item_id IN (:ids) AND state = 'pending'",
                    values(claim).addValue("error", error).addValue("failure", failure.kind().id()));
            return;
        }
        int inARow = failuresInARow.merge(subscription.name(), 1, Integer::sum);
        List<Claim.Item> parked = new ArrayList<>();
        List<SqlParameterSource> updates = new ArrayList<>();
        Duration next = null;
        for (Claim.Item item : claim.items()) {
            boolean park = failure.kind() == DeliveryFailure.Kind.REFUSED
                    || (!failure.kind().isTransient() && item.attempts() >= subscription.retry().maxAttempts());
            Duration wait = subscription.retry().delayAfter(failure, inARow, item.attempts());
            if (park) {
                parked.add(item);
            } else if (next == null || wait.compareTo(next) < 0) {
                next = wait;
            }
            updates.add(new MapSqlParameterSource("name", subscription.name()).addValue("id", item.itemId())
                    .addValue("state", park ? "parked" : "pending").addValue("error", error)
                    .addValue("failure", failure.kind().id()).addValue("next", now().plus(wait)));
        }
        jdbc.batchUpdate("UPDATE delivery SET state = :state, last_error = :error, last_failure = :failure, next_attempt_at = :next,"
                + " claimed_by = NULL, claimed_until = NULL WHERE subscriber = :name AND item_id = :id AND state = 'pending'",
                updates.toArray(SqlParameterSource[]::new));
        if (parked.size() == claim.items().size()) {
            LOG.warn("Subscriber {} parked {} after {} attempt(s): {}.{} Replay once fixed.",
                    subscription.name(), items(parked), claim.attempt(), error, hint);
        } else {
            LOG.warn("Subscriber {}: {} not delivered, attempt {}: {}.{} Next attempt in {}{}.",
                    subscription.name(), items(claim.items()), claim.attempt(), error, hint, RetryPolicy.words(next),
                    parked.isEmpty() ? "" : "; " + items(parked) + " parked after max-attempts (replay once fixed)");
        }
    }

    /** What the failure means: the first sink that knows says it, else the engine's reading of it. */
    DeliveryFailure classify(Throwable exception) {
        return advice.stream().map(a -> a.classify(exception)).filter(Objects::nonNull).findFirst()
                .orElseGet(() -> DeliveryFailures.classify(exception));
    }

    /** "item 5 (export 5)", or for several "18 items (exports 3 to 20)": what a log line names, never one line per item. */
    private static String items(List<Claim.Item> items) {
        Claim.Item first = items.get(0);
        Claim.Item last = items.get(items.size() - 1);
        return items.size() == 1 ? "item " + first.itemId() + " (export " + first.exportId() + ")"
                : items.size() + " items (exports " + first.exportId() + " to " + last.exportId() + ")";
    }

    /**
     * At a stop, after Camel has stopped the subscriber routes (each finishes the item it holds):
     * gives back what this instance still holds, a claim cut short by the shutdown timeout and the
     * sheet's writer lease, so another instance goes on at once instead of after the lease. The
     * attempt stays counted: a cut-short delivery may have reached the receiver.
     */
    @PreDestroy
    public void releaseClaims() {
        try {
            Map<String, Object> me = Map.of("me", instance);
            int claims = jdbc.update("UPDATE delivery SET claimed_until = NULL WHERE claimed_by = :me AND state = 'pending'"
                    + " AND claimed_until IS NOT NULL", me);
            jdbc.update("UPDATE subscriber SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = :me", me);
            LOG.info("Stopping: released {} claimed item(s) and this instance's writer leases", claims);
        } catch (RuntimeException e) {
            LOG.warn("Stopping: could not release this instance's claims; they expire after their lease: {}", e.toString());
        }
    }

    /** The subscribers with due work, from one query shared by all of them per poll interval. */
    private Set<String> dueSubscribers() {
        if (System.nanoTime() - dueCheckedAt >= properties.pollInterval().toNanos()) {
            synchronized (this) {
                if (System.nanoTime() - dueCheckedAt >= properties.pollInterval().toNanos()) {
                    due = ConcurrentHashMap.newKeySet();
                    due.addAll(jdbc.queryForList("SELECT DISTINCT subscriber FROM delivery WHERE " + DUE,
                            Map.of("now", now()), String.class));
                    dueCheckedAt = System.nanoTime();
                    subscribers.keepSeen();   // piggy-backed: now and then, while this instance runs their routes
                }
            }
        }
        return due;
    }

    private MapSqlParameterSource values(Claim claim) {
        return new MapSqlParameterSource("name", claim.subscription().name()).addValue("ids", claim.itemIds())
                .addValue("now", now());
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

}
