package org.esignonbridge.delivery;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The delivery engine's claims and outcomes, over the {@code delivery} table: claims due deliveries with
 * the database's own row locks (FOR UPDATE SKIP LOCKED, so several instances share the work and never
 * take the same delivery) for the subscriber's route, and records the outcome: delivered, retried after
 * the wait its failure needs, or parked when retrying cannot help (the deliveries behind go on). What is
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
    /** Per subscriber, the batch size while an undeliverable batch is being split to find the undeliverable one. */
    private final Map<String, Integer> splitSize = new ConcurrentHashMap<>();
    /** Per subscriber, failed deliveries since its last delivered one: what an outage's back-off grows with. */
    private final Map<String, Integer> failuresInARow = new ConcurrentHashMap<>();
    /** Per writer, whose turn it is among the subscribers sharing it. */
    private final Map<String, Turns> turns = new ConcurrentHashMap<>();
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
     * Claims the subscriber's next due deliveries, committed before anything is delivered; null when
     * there is nothing to do. A subscriber without due work costs no query: one shared query per
     * poll interval tells which subscribers have some.
     */
    public Claim claim(String subscriber) {
        Subscriber registered = subscribers.running(subscriber);
        if (registered == null || !dueSubscribers().contains(subscriber)) {   // null: the route it fed was removed
            return null;
        }
        if (!turns.computeIfAbsent(registered.writer(), writer -> new Turns()).mine(registered)) {
            return null;   // another subscriber of the same writer goes first
        }
        int size = splitSize.getOrDefault(subscriber, registered.batchSize());
        LocalDateTime now = now();
        MapSqlParameterSource values = new MapSqlParameterSource("name", subscriber).addValue("now", now)
                .addValue("me", instance).addValue("until", now.plus(registered.lease())).addValue("writer", registered.writer());
        Claim claim = transaction.execute(status -> {
            if (registered.singleWriter() && jdbc.update("UPDATE subscriber SET lease_owner = :me, lease_until = :until"
                    + " WHERE name = :writer AND (lease_owner = :me OR lease_until IS NULL OR lease_until < :now)", values) == 0) {
                return null; // another instance is the writer
            }
            // a single writer keeps the order: it waits while its oldest pending delivery waits for its retry
            String which = registered.singleWriter() ? "state = 'pending'" : CLAIMABLE;
            List<Claim.Delivery> deliveries = new ArrayList<>();
            for (Map<String, Object> row : jdbc.queryForList("SELECT event_id, export_id, attempts, delivered_at,"
                    + " CASE WHEN " + CLAIMABLE + " THEN 1 ELSE 0 END AS claimable FROM delivery"
                    + " WHERE subscriber = :name AND " + which + " ORDER BY event_id LIMIT " + size + " FOR UPDATE SKIP LOCKED", values)) {
                if (((Number) row.get("claimable")).intValue() == 0) {
                    break;
                }
                deliveries.add(new Claim.Delivery(((Number) row.get("event_id")).longValue(), ((Number) row.get("export_id")).longValue(),
                        ((Number) row.get("attempts")).intValue() + 1, row.get("delivered_at") != null));
            }
            if (deliveries.isEmpty()) {
                return null;
            }
            jdbc.update("UPDATE delivery SET claimed_by = :me, claimed_until = :until, attempts = attempts + 1"
                    + " WHERE subscriber = :name AND event_id IN (:ids)", values.addValue("ids", deliveries.stream().map(Claim.Delivery::eventId).toList()));
            return new Claim(registered, deliveries);
        });
        turns.get(registered.writer()).taken(registered, claim != null);
        if (claim == null || claim.deliveries().size() < size) {
            due.remove(subscriber); // drained: wait for the next shared look
        }
        return claim;
    }

    /**
     * The turns of the subscribers sharing one writer (the sheet's rows and its document links): at most
     * one claim per pace among them, and the one that has waited longest goes first, so that neither
     * starves the other while both have work (their schedulers tick in a fixed phase).
     */
    private static final class Turns {

        /** When a subscriber with due work first asked in vain, and when it last asked. */
        private record Waiting(long since, long asked) {
        }

        private final Map<String, Waiting> waiting = new HashMap<>();
        private long lastTurn = System.nanoTime() - Long.MAX_VALUE / 2;

        synchronized boolean mine(Subscriber subscriber) {
            if (subscriber.pace() == null) {
                return true;
            }
            long now = System.nanoTime();
            long pace = subscriber.pace().toNanos();
            waiting.values().removeIf(w -> now - w.asked() > 3 * pace);   // its route stopped asking
            Waiting mine = waiting.merge(subscriber.name(), new Waiting(now, now), (old, ask) -> new Waiting(old.since(), now));
            return now - lastTurn >= pace && waiting.entrySet().stream()
                    .noneMatch(other -> !other.getKey().equals(subscriber.name()) && other.getValue().since() < mine.since());
        }

        synchronized void taken(Subscriber subscriber, boolean claimed) {
            waiting.remove(subscriber.name());
            if (claimed && subscriber.pace() != null) {
                lastTurn = System.nanoTime();
            }
        }
    }

    public void delivered(Claim claim) {
        // claimed_by stays: which instance delivered it
        jdbc.update("UPDATE delivery SET state = 'delivered', delivered_at = :now, claimed_until = NULL,"
                + " last_error = NULL, last_failure = NULL WHERE subscriber = :name AND event_id IN (:ids) AND state = 'pending'", values(claim));
        failuresInARow.remove(claim.subscriber().name());
        splitSize.computeIfPresent(claim.subscriber().name(),
                (name, size) -> size * 2 >= claim.subscriber().batchSize() ? null : size * 2);
    }

    /**
     * Any exception counts the attempt, and writes one log line. What it means is asked of the subscribers'
     * {@link DeliveryAdvice}, then of {@link DeliveryFailures}: an undeliverable batch is split to find the
     * refused delivery, which is parked alone; a receiver that did not apply it or may have (a quota, an
     * outage, no answer) is tried again after {@link RetryPolicy#delayAfter(DeliveryFailure, int, int)}
     * for as long as it takes, never parked for it; anything else is parked after max-attempts.
     */
    public void failed(Claim claim, Throwable exception) {
        Subscriber subscriber = claim.subscriber();
        DeliveryFailure failure = classify(exception);
        String hint = advice.stream().map(a -> a.advise(exception)).filter(Objects::nonNull).map(a -> " " + a).findFirst().orElse("");
        String error = LastError.fit(failure.kind().words() + ": " + String.valueOf(failure.cause()).replaceAll("\\.$", ""));
        if (failure.kind() == DeliveryFailure.Kind.UNDELIVERABLE && claim.deliveries().size() > 1) {
            int half = Math.max(1, claim.deliveries().size() / 2);
            splitSize.put(subscriber.name(), half);
            LOG.warn("Subscriber {}: {} were undeliverable ({}); trying {} at a time to find the delivery",
                    subscriber.name(), deliveries(claim.deliveries()), failure.cause(), half);
            jdbc.update("UPDATE delivery SET attempts = attempts - 1, claimed_by = NULL, claimed_until = NULL, last_error = :error,"
                    + " last_failure = :failure WHERE subscriber = :name AND event_id IN (:ids) AND state = 'pending'",
                    values(claim).addValue("error", error).addValue("failure", failure.kind().id()));
            return;
        }
        int inARow = failuresInARow.merge(subscriber.name(), 1, Integer::sum);
        List<Claim.Delivery> parked = new ArrayList<>();
        List<SqlParameterSource> updates = new ArrayList<>();
        Duration next = null;
        for (Claim.Delivery delivery : claim.deliveries()) {
            boolean park = failure.kind() == DeliveryFailure.Kind.UNDELIVERABLE
                    || (!failure.kind().isTransient() && delivery.attempts() >= subscriber.retry().maxAttempts());
            Duration wait = subscriber.retry().delayAfter(failure, inARow, delivery.attempts());
            if (park) {
                parked.add(delivery);
            } else if (next == null || wait.compareTo(next) < 0) {
                next = wait;
            }
            updates.add(new MapSqlParameterSource("name", subscriber.name()).addValue("id", delivery.eventId())
                    .addValue("state", park ? "parked" : "pending").addValue("error", error)
                    .addValue("failure", failure.kind().id()).addValue("next", now().plus(wait)));
        }
        jdbc.batchUpdate("UPDATE delivery SET state = :state, last_error = :error, last_failure = :failure, next_attempt_at = :next,"
                + " claimed_by = NULL, claimed_until = NULL WHERE subscriber = :name AND event_id = :id AND state = 'pending'",
                updates.toArray(SqlParameterSource[]::new));
        if (parked.size() == claim.deliveries().size()) {
            LOG.warn("Subscriber {} parked {} after {} attempt(s): {}.{} Replay once fixed.",
                    subscriber.name(), deliveries(parked), claim.attempt(), error, hint);
        } else {
            LOG.warn("Subscriber {}: {} not delivered, attempt {}: {}.{} Next attempt in {}{}.",
                    subscriber.name(), deliveries(claim.deliveries()), claim.attempt(), error, hint, RetryPolicy.words(next),
                    parked.isEmpty() ? "" : "; " + deliveries(parked) + " parked after max-attempts (replay once fixed)");
        }
    }

    /** What the failure means: the first subscriber that knows says it, else the engine's reading of it. */
    DeliveryFailure classify(Throwable exception) {
        return advice.stream().map(a -> a.classify(exception)).filter(Objects::nonNull).findFirst()
                .orElseGet(() -> DeliveryFailures.classify(exception));
    }

    /** "event 5 (export 5)", or for several "18 events (exports 3 to 20)": what a log line names, never one line per delivery. */
    private static String deliveries(List<Claim.Delivery> deliveries) {
        Claim.Delivery first = deliveries.get(0);
        Claim.Delivery last = deliveries.get(deliveries.size() - 1);
        return deliveries.size() == 1 ? "event " + first.eventId() + " (export " + first.exportId() + ")"
                : deliveries.size() + " events (exports " + first.exportId() + " to " + last.exportId() + ")";
    }

    /**
     * At a stop, after Camel has stopped the subscriber routes (each finishes the delivery it holds):
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
            LOG.info("Stopping: released {} claimed event(s) and this instance's writer leases", claims);
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
        return new MapSqlParameterSource("name", claim.subscriber().name()).addValue("ids", claim.eventIds())
                .addValue("now", now());
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

}
