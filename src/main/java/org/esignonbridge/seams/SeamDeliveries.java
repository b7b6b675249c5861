package org.esignonbridge.seams;

import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.Message;
import org.esignonbridge.config.LastError;
import org.esignonbridge.config.RetryBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What each seam subscriber has been handed, in SQL: items are found from the stored exports (or
 * archived files), so an export accepted just before a crash still reaches every subscriber after
 * the restart, and each item is delivered to a subscriber once.
 */
@Component("seamDeliveries")
public class SeamDeliveries {

    private static final Logger LOG = LoggerFactory.getLogger(SeamDeliveries.class);
    private static final Pattern SUBSCRIBER = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final int BATCH = 100;
    private static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofSeconds(5), Duration.ofMinutes(10));

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public SeamDeliveries(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The items of the seam not yet delivered to the subscriber (and not waiting to be retried). */
    public List<SeamItem> due(String seamId, String subscriber) {
        Seam seam = Seam.of(seamId);
        long since = subscribe(seam, subscriber);
        MapSqlParameterSource params = new MapSqlParameterSource("since", since)
                .addValue("subscriber", subscriber).addValue("now", now());
        String notDelivered = " AND NOT EXISTS (SELECT 1 FROM seam_delivery d WHERE d.subscriber = :subscriber"
                + " AND d.item_id = %s AND (d.state = 'delivered' OR d.next_attempt_at > :now))";
        if (seam == Seam.DOCUMENT_ARCHIVED) {
            return jdbc.query("SELECT f.id, f.export_id, f.wfuid, f.kind, f.stored_path, f.sha256, f.size_bytes"
                            + " FROM archive_file f WHERE f.state = 'archived' AND f.id >= :since"
                            + notDelivered.formatted("f.id") + " ORDER BY f.id LIMIT " + BATCH,
                    params, (rs, n) -> archivedFile(rs.getLong("id"), rs.getLong("export_id"), rs.getString("wfuid"),
                            rs.getString("kind"), rs.getString("stored_path"), rs.getString("sha256"), rs.getLong("size_bytes")));
        }
        List<Map<String, Object>> exports = jdbc.queryForList("SELECT e.* FROM esignon_export e WHERE "
                + seam.exportCondition() + " AND e.id >= :since" + notDelivered.formatted("e.id")
                + " ORDER BY e.id LIMIT " + BATCH, params);
        List<SeamItem> items = new ArrayList<>(exports.size());
        for (Map<String, Object> export : exports) {
            items.add(exportItem(seam, export));
        }
        return items;
    }

    /** Makes the item the message the subscriber's route receives. */
    public void present(SeamItem item, Message message) {
        message.setBody(item.body());
        message.getHeaders().putAll(item.headers());
    }

    public void delivered(String subscriber, SeamItem item) {
        record(subscriber, item, "delivered", null, null);
    }

    /** The subscriber's route failed on the item: it is tried again after a growing wait. */
    public void failed(String subscriber, SeamItem item, Exception error) {
        int attempts = attempts(subscriber, item) + 1;
        Duration wait = BACKOFF.delayAfter(attempts);
        LOG.warn("Seam subscriber {} failed on item {} (attempt {}), trying again in {}: {}",
                subscriber, item.id(), attempts, wait, error.getMessage());
        record(subscriber, item, "retrying", error.getClass().getSimpleName() + ": " + error.getMessage(), now().plus(wait));
    }

    /** A new subscriber starts with what is stored from now on; a known one keeps its place. */
    private long subscribe(Seam seam, String subscriber) {
        if (!SUBSCRIBER.matcher(subscriber).matches()) {
            throw new IllegalArgumentException("seam subscriber '" + subscriber
                    + "' must be 1 to 100 lowercase letters, digits and dashes");
        }
        return transaction.execute(status -> {
            List<Long> since = jdbc.queryForList("SELECT since_id FROM seam_subscriber WHERE subscriber = :s",
                    Map.of("s", subscriber), Long.class);
            if (!since.isEmpty()) {
                return since.get(0);
            }
            String table = seam == Seam.DOCUMENT_ARCHIVED ? "archive_file" : "esignon_export";
            long next = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table, Map.of(), Long.class);
            jdbc.update("INSERT INTO seam_subscriber (subscriber, seam, since_id, created_at) VALUES (:s, :seam, :since, :now)",
                    Map.of("s", subscriber, "seam", seam.id(), "since", next, "now", now()));
            LOG.info("Seam subscriber {} receives {} from id {} on", subscriber, seam.id(), next);
            return next;
        });
    }

    private SeamItem exportItem(Seam seam, Map<String, Object> row) {
        Map<String, Object> export = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            if (!column.equalsIgnoreCase("raw_body") && !column.equalsIgnoreCase("dedupe_key")) {
                export.put(column.toLowerCase(Locale.ROOT), value);
            }
        });
        long id = ((Number) export.get("id")).longValue();
        Map<String, Object> params = new LinkedHashMap<>();
        jdbc.query("SELECT param_id, param_value FROM esignon_export_param WHERE export_id = :id ORDER BY param_order",
                Map.of("id", id), rs -> {
                    params.put(rs.getString(1), rs.getString(2));
                });
        export.put("params", params);
        Map<String, Object> headers = new HashMap<>();
        headers.put("EsignonSeam", seam.id());
        headers.put("EsignonExportId", id);
        return new SeamItem(id, export, headers);
    }

    private static SeamItem archivedFile(long id, long exportId, String wfuid, String kind, String path, String sha256,
                                         long size) {
        File file = new File(path);
        Map<String, Object> headers = new HashMap<>();
        headers.put("EsignonSeam", Seam.DOCUMENT_ARCHIVED.id());
        headers.put("EsignonExportId", exportId);
        headers.put("EsignonWfuid", wfuid);
        headers.put("EsignonDocumentKind", kind);
        headers.put("EsignonSha256", sha256);
        headers.put("EsignonSize", size);
        // the archive's own folder name is already safe; prefixing it keeps names unique in a flat target
        headers.put("CamelFileName", file.getParentFile().getName() + "-" + file.getName());
        return new SeamItem(id, file, headers);
    }

    private int attempts(String subscriber, SeamItem item) {
        List<Integer> attempts = jdbc.queryForList("SELECT attempts FROM seam_delivery WHERE subscriber = :s AND item_id = :id",
                Map.of("s", subscriber, "id", item.id()), Integer.class);
        return attempts.isEmpty() ? 0 : attempts.get(0);
    }

    private void record(String subscriber, SeamItem item, String state, String error, LocalDateTime next) {
        Map<String, Object> values = new HashMap<>();
        values.put("s", subscriber);
        values.put("id", item.id());
        values.put("state", state);
        values.put("error", LastError.fit(error));
        values.put("next", next);
        values.put("delivered", "delivered".equals(state) ? now() : null);
        // insert first, each statement on its own: an UPDATE that finds no row takes a gap lock on
        // MariaDB, and two subscribers recording at once would deadlock
        try {
            jdbc.update("INSERT INTO seam_delivery (subscriber, item_id, state, attempts, last_error, next_attempt_at,"
                    + " delivered_at) VALUES (:s, :id, :state, 1, :error, :next, :delivered)", values);
        } catch (DuplicateKeyException again) {
            jdbc.update("UPDATE seam_delivery SET state = :state, attempts = attempts + 1, last_error = :error,"
                    + " next_attempt_at = :next, delivered_at = :delivered WHERE subscriber = :s AND item_id = :id", values);
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
