package org.esignonbridge.delivery;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;

import org.apache.camel.Message;
import org.esignonbridge.config.LastError;
import org.esignonbridge.operations.DeliveryBacklog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery engine, over the {@code subscriber} and {@code delivery} tables: claims due items
 * with the database's own row locks (FOR UPDATE SKIP LOCKED, so several instances share the work
 * and never take the same item), hands them to the subscriber's route, and records the outcome:
 * delivered, retried after the wait its failure needs, or parked when retrying cannot help (the
 * items behind go on).
 * Also what operations see ({@link DeliveryBacklog}, the pending/parked lists) and replay.
 */
@Component("deliveries")
public class Deliveries implements DeliveryBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    private static final String DUE = "state = 'pending' AND next_attempt_at <= :now";
    private static final String CLAIMABLE = DUE + " AND (claimed_until IS NULL OR claimed_until < :now)";
    private static final String NOT_IN_FLIGHT = "NOT (state = 'pending' AND claimed_until IS NOT NULL AND claimed_until >= :now)";

    /** The export id (a batch: the ids, comma-separated) in the MDC of every log line of a delivery. */
    public static final String EXPORT_ID_MDC_HEADER = "esignon-export-id";

    /** Column names in lower case on every database (H2 answers in upper case), as the admin API shows them. */
    public static final ColumnMapRowMapper LOWER_CASE_COLUMNS = new ColumnMapRowMapper() {
        @Override
        protected String getColumnKey(String column) {
            return column.toLowerCase(Locale.ROOT);
        }
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final DeliveryProperties properties;
    private final List<DeliveryAdvice> advice;
    private final ObjectProvider<ArchivedFileOpener> stores;
    private final String lockDueRows;
    /** claimed_by and lease_owner: which instance holds the work */
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Per subscriber, the batch size while a refused batch is being split to find the refused item. */
    private final Map<String, Integer> splitSize = new ConcurrentHashMap<>();
    /** Per subscriber, failed deliveries since its last delivered one: what an outage's back-off grows with. */
    private final Map<String, Integer> failuresInARow = new ConcurrentHashMap<>();
    private volatile Set<String> due = ConcurrentHashMap.newKeySet();
    private volatile long dueCheckedAt = System.nanoTime() - Long.MAX_VALUE / 2;

    public Deliveries(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock,
                      DeliveryProperties properties, List<DeliveryAdvice> advice, DataSource dataSource,
                      ObjectProvider<ArchivedFileOpener> stores) {
        this.stores = stores;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.properties = properties;
        this.advice = advice;
        // H2 is the single-instance default and has no SKIP LOCKED
        this.lockDueRows = isH2(dataSource) ? " FOR UPDATE" : " FOR UPDATE SKIP LOCKED";
    }

    /**
     * Registers the subscriber once, with its starting point: from now on, or every item already
     * stored (start-at: beginning). Known subscribers keep theirs. Called when its route is created,
     * before the webhook accepts exports.
     */
    public void register(Subscription subscription) {
        subscriptions.put(subscription.name(), subscription);
        Map<String, Object> values = Map.of("name", subscription.name(), "seam", subscription.seam().id(),
                "start", subscription.startAtBeginning() ? "beginning" : "now", "now", now());
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO subscriber (name, seam, start_at, created_at) VALUES (:name, :seam, :start, :now)", values);
                if (subscription.startAtBeginning()) {
                    jdbc.update(subscription.seam() == Seam.DOCUMENT_ARCHIVED
                            ? "INSERT INTO delivery (subscriber, item_id, export_id, state, attempts, next_attempt_at, created_at)"
                                    + " SELECT :name, f.id, f.export_id, 'pending', 0, :now, :now FROM archive_file f WHERE f.state = 'archived'"
                            : "INSERT INTO delivery (subscriber, item_id, export_id, state, attempts, next_attempt_at, created_at)"
                                    + " SELECT :name, e.id, e.id, 'pending', 0, :now, :now FROM esignon_export e WHERE "
                                    + subscription.seam().exportCondition(), values);
                }
            });
            LOG.info("Subscriber {} registered for {}, starting {}", subscription.name(), subscription.seam().id(),
                    subscription.startAtBeginning() ? "with every stored item" : "with what arrives from now on");
        } catch (DuplicateKeyException known) {
            String seam = jdbc.queryForObject("SELECT seam FROM subscriber WHERE name = :name", values, String.class);
            if (!subscription.seam().id().equals(seam)) {
                LOG.warn("Subscriber {} was registered for {} and keeps it: give a route for {} its own subscriber name",
                        subscription.name(), seam, subscription.seam().id());
            }
        }
    }

    /** Registers again every subscriber this instance runs (after their rows were removed). */
    public void registerAll() {
        List.copyOf(subscriptions.values()).forEach(this::register);
    }

    /** An item to queue for every subscriber of its seam. */
    public record Queued(long itemId, long exportId, Seam seam) {
    }

    /**
     * Queues items for every subscriber of their seams, in the caller's transaction: the fan-out of
     * the receive transaction (a group's exports in one batch) and of the archive when it records
     * a file. It reads only the small subscriber table: its cost never grows with what is stored.
     */
    public void fanOut(List<Queued> items) {
        if (items.isEmpty()) {
            return;
        }
        Map<String, List<String>> subscribers = new HashMap<>();
        jdbc.query("SELECT name, seam FROM subscriber", rs -> {
            subscribers.computeIfAbsent(rs.getString("seam"), seam -> new ArrayList<>()).add(rs.getString("name"));
        });
        LocalDateTime now = now();
        List<SqlParameterSource> rows = new ArrayList<>();
        for (Queued item : items) {
            for (String subscriber : subscribers.getOrDefault(item.seam().id(), List.of())) {
                rows.add(new MapSqlParameterSource("name", subscriber).addValue("item", item.itemId())
                        .addValue("export", item.exportId()).addValue("now", now));
            }
        }
        // plain VALUES: MariaDB's batch protocol cannot run an INSERT ... SELECT
        jdbc.batchUpdate("INSERT INTO delivery (subscriber, item_id, export_id, state, attempts, next_attempt_at, created_at)"
                + " VALUES (:name, :item, :export, 'pending', 0, :now, :now)", rows.toArray(SqlParameterSource[]::new));
    }

    /**
     * Claims the subscriber's next due items, committed before anything is delivered; null when
     * there is nothing to do. A subscriber without due work costs no query: one shared query per
     * poll interval tells which subscribers have some.
     */
    public Claim claim(String subscriber) {
        Subscription subscription = subscription(subscriber);
        if (!dueSubscribers().contains(subscriber)) {
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
                    + " WHERE subscriber = :name AND " + which + " ORDER BY item_id LIMIT " + size + lockDueRows, values)) {
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

    /** Makes the claim the message the subscriber's route receives: the item, or the list of items for a batch. */
    public void present(Claim claim, Message message) {
        Subscription subscription = claim.subscription();
        List<Long> ids = claim.itemIds();
        List<Object> bodies = new ArrayList<>();
        Map<String, Object> headers = new HashMap<>();
        if (subscription.seam() == Seam.DOCUMENT_ARCHIVED) {
            for (Map<String, Object> file : jdbc.queryForList("SELECT id, export_id, wfuid, kind, stored_path, sha256, size_bytes"
                    + " FROM archive_file WHERE id IN (:ids) ORDER BY id", Map.of("ids", ids))) {
                String location = (String) file.get("stored_path");
                ArchivedFileOpener store = stores.stream().filter(s -> s.opens(location)).findFirst().orElse(null);
                bodies.add(store == null ? new File(location) : store.open(location));
                headers.put("EsignonStoredAt", location);
                headers.put("EsignonWfuid", file.get("wfuid"));
                headers.put("EsignonDocumentKind", file.get("kind"));
                headers.put("EsignonSha256", file.get("sha256"));
                headers.put("EsignonSize", file.get("size_bytes"));
                // the archive's own folder name is already safe; prefixing it keeps names unique in a flat target
                String[] names = location.replace('\\', '/').split("/");
                headers.put("CamelFileName", names[names.length - 2] + "-" + names[names.length - 1]);
            }
        } else {
            bodies.addAll(exports(claim.items().stream().map(Claim.Item::exportId).toList()));
        }
        // what camel.mdc.custom-exchange-headers puts in the MDC of every log line of this delivery
        headers.put(EXPORT_ID_MDC_HEADER, claim.items().stream().map(item -> Long.toString(item.exportId())).distinct()
                .collect(Collectors.joining(",")));
        headers.put("EsignonSeam", subscription.seam().id());
        headers.put("EsignonSubscriber", subscription.name());
        headers.put("EsignonAttempt", claim.attempt());
        headers.put("EsignonRedelivery", claim.redelivery());
        if (!subscription.batch()) {
            headers.put("EsignonExportId", claim.items().get(0).exportId());
            headers.put("EsignonItemId", claim.items().get(0).itemId());
        }
        message.setBody(subscription.batch() ? bodies : bodies.get(0));
        message.getHeaders().putAll(headers);
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
                + " ORDER BY d.item_id LIMIT " + Math.max(1, limit), Map.of("name", subscriber, "state", state), LOWER_CASE_COLUMNS);
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
        return jdbc.query("SELECT s.name,"
                + " SUM(CASE WHEN d.state = 'pending' THEN 1 ELSE 0 END) AS pending,"
                + " SUM(CASE WHEN d.state = 'parked' THEN 1 ELSE 0 END) AS parked,"
                + " SUM(CASE WHEN d.state = 'delivered' THEN 1 ELSE 0 END) AS delivered,"
                + " SUM(CASE WHEN d.attempts > 1 THEN d.attempts - 1 ELSE 0 END) AS retries,"
                + " MIN(CASE WHEN d.state = 'pending' THEN d.created_at END) AS oldest"
                + " FROM subscriber s LEFT JOIN delivery d ON d.subscriber = s.name GROUP BY s.name ORDER BY s.name",
                Map.of(), (rs, row) -> {
                    LocalDateTime oldest = rs.getObject("oldest", LocalDateTime.class);
                    Duration age = oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
                    String[] head = heads.getOrDefault(rs.getString("name"), new String[2]);
                    return new Subscriber(rs.getString("name"), rs.getLong("pending"), rs.getLong("parked"), age,
                            rs.getLong("delivered"), rs.getLong("retries"), head[0], head[1]);
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

    /** Stored exports as maps (every column but the raw body and the dedupe key, plus params), in the given order. */
    public List<Map<String, Object>> exports(List<Long> ids) {
        Map<Long, Map<String, Object>> byId = new HashMap<>();
        for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM esignon_export WHERE id IN (:ids)", Map.of("ids", ids))) {
            Map<String, Object> export = new LinkedHashMap<>();
            row.forEach((column, value) -> {
                String name = column.toLowerCase(Locale.ROOT);
                if (!name.equals("raw_body") && !name.equals("dedupe_key")) {
                    export.put(name, value);
                }
            });
            export.put("params", new LinkedHashMap<String, Object>());
            byId.put(((Number) export.get("id")).longValue(), export);
        }
        jdbc.query("SELECT export_id, param_id, param_value FROM esignon_export_param WHERE export_id IN (:ids)"
                + " ORDER BY export_id, param_order", Map.of("ids", ids), rs -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> params = (Map<String, Object>) byId.get(rs.getLong(1)).get("params");
                    params.put(rs.getString(2), rs.getString(3));
                });
        return ids.stream().map(byId::get).toList();
    }

    private Subscription subscription(String name) {
        Subscription subscription = subscriptions.get(name);
        if (subscription == null) {
            throw new IllegalStateException("subscriber " + name + " is not registered");
        }
        return subscription;
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

    private static boolean isH2(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, "getDatabaseProductName");
            return product.toLowerCase(Locale.ROOT).contains("h2");
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot reach the database", e);
        }
    }
}
