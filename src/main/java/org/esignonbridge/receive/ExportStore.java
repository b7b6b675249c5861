package org.esignonbridge.receive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.esignonbridge.delivery.Deliveries;
import org.esignonbridge.delivery.Seam;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores an export and its params in one transaction, once: the unique {@code dedupe_key} makes a
 * repeat (also one arriving at the same instant) fail to insert, and the repeat is answered with
 * the row stored first. An export that passed the filters is queued, in the same transaction, for
 * every subscriber of the seams it belongs to ({@link Seam}): once the webhook has answered, every
 * sink's work is as durable as the export. Returns the answer the webhook gives.
 */
@Component("exportStore")
public class ExportStore {

    private static final String INSERT_PARAM = "INSERT INTO esignon_export_param (export_id, param_order, param_id, param_value)"
            + " VALUES (:export_id, :param_order, :param_id, :param_value)";
    private static final String FIND_BY_KEY = "SELECT id, passed, excluded_reason FROM esignon_export WHERE dedupe_key = :dedupe_key";

    private static final String[] ID = {"id"};

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Deliveries deliveries;
    private final String insertExport = sql("sql/insert-export.sql");

    public ExportStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Deliveries deliveries) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.deliveries = deliveries;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> store(Map<String, Object> export, String excludedReason) {
        MapSqlParameterSource row = new MapSqlParameterSource(export)
                .addValue("passed", excludedReason == null)
                .addValue("excluded_reason", excludedReason);
        try {
            long id = transaction.execute(status -> {
                // the id comes back with the insert (RETURNING / generated keys): no second statement
                KeyHolder key = new GeneratedKeyHolder();
                jdbc.update(insertExport, row, key, ID);
                long newId = key.getKey().longValue();
                List<Map<String, Object>> params = (List<Map<String, Object>>) export.get("params");
                jdbc.batchUpdate(INSERT_PARAM, params.stream()
                        .map(param -> new MapSqlParameterSource(param).addValue("export_id", newId))
                        .toArray(SqlParameterSource[]::new));
                if (excludedReason == null) {
                    deliveries.fanOut(newId, newId, Seam.of(export));
                }
                return newId;
            });
            return answer(id, excludedReason, false);
        } catch (DuplicateKeyException repeat) {
            // a repeat only when the export with this dedupe_key is there: any other key is an error
            List<Map<String, Object>> first = jdbc.query(FIND_BY_KEY, row,
                    (rs, n) -> answer(rs.getLong("id"), rs.getString("excluded_reason"), true));
            if (first.isEmpty()) {
                throw repeat;
            }
            return first.get(0);
        }
    }

    private static Map<String, Object> answer(long id, String excludedReason, boolean duplicate) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", true);
        answer.put("id", id);
        answer.put("passed", excludedReason == null);
        answer.put("duplicate", duplicate);
        if (excludedReason != null) {
            answer.put("excluded_reason", excludedReason);
        }
        return answer;
    }

    private static String sql(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
