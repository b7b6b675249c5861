package org.esignonbridge.operations;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Forgets raw bodies older than {@code esignon.retention.raw-bodies}: clears
 * {@code esignon_export.raw_body} and deletes {@code esignon_rejected_export} rows, at most
 * {@code batch-size} rows of each per call, so that no statement locks much. Parsed columns,
 * params, dedupe keys, the sheet and the archive stay. Run by {@code routes/forget-raw-bodies.camel.yaml}.
 */
@Component("rawBodyRetention")
public class RawBodyRetention {

    private static final Logger LOG = LoggerFactory.getLogger(RawBodyRetention.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final RetentionProperties properties;
    private final Clock clock;

    public RawBodyRetention(NamedParameterJdbcTemplate jdbc, RetentionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** One batch of each table; returns the larger number of rows touched (a full batch: call again). */
    public int forgetBatch() {
        return properties.maxAge().map(age -> {
            Map<String, Object> before = Map.of(
                    "before", LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).minus(age),
                    "limit", properties.batchSize());
            // ids first, then by id: MariaDB takes no LIMIT inside IN (...)
            List<Long> exports = jdbc.queryForList("SELECT id FROM esignon_export WHERE received_at < :before"
                    + " AND raw_body IS NOT NULL ORDER BY id LIMIT :limit", before, Long.class);
            if (!exports.isEmpty()) {
                jdbc.update("UPDATE esignon_export SET raw_body = NULL WHERE id IN (:ids)", Map.of("ids", exports));
            }
            List<Long> rejected = jdbc.queryForList("SELECT id FROM esignon_rejected_export WHERE received_at < :before"
                    + " ORDER BY id LIMIT :limit", before, Long.class);
            if (!rejected.isEmpty()) {
                jdbc.update("DELETE FROM esignon_rejected_export WHERE id IN (:ids)", Map.of("ids", rejected));
            }
            if (!exports.isEmpty() || !rejected.isEmpty()) {
                LOG.info("Retention: cleared {} raw bodies of exports and deleted {} rejected bodies older than {}",
                        exports.size(), rejected.size(), properties.rawBodies());
            }
            return Math.max(exports.size(), rejected.size());
        }).orElse(0);
    }
}
