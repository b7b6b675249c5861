package org.esignonbridge.receive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.esignonbridge.delivery.Subscribers;
import org.esignonbridge.delivery.Event;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores an export and its params in one transaction, once: the unique {@code dedupe_key} makes a
 * repeat (also one arriving at the same instant) fail to insert, and the repeat is answered with
 * the row stored first. An export that passed the filters is queued, in the same transaction, for
 * every subscriber of the events it belongs to: once the webhook has answered, every subscriber's work is
 * as durable as the export. Returns the answer the webhook gives.
 * <p>
 * Group commit: exports that arrive while others are being written wait and are then written
 * together by a writer thread, in one transaction of a few batched statements, so a commit is
 * shared instead of paid per export. A caller waits for the commit of its own export before it
 * answers; a lone export is written at once. Hand-written because no library batches concurrent
 * callers into one transaction and hands each its own result.
 * <p>
 * Owns {@code esignon_export}, {@code esignon_export_param} and {@code esignon_rejected_export}: every
 * statement the webhook runs on them is here.
 */
@Component("exportStore")
public class ExportStore {

    /** Every column of {@link ExportColumn}, each value the row's entry of the same name. */
    private static final String INSERT_EXPORT = "INSERT INTO esignon_export (%s) VALUES (%s)".formatted(
            Arrays.stream(ExportColumn.values()).map(ExportColumn::column).collect(Collectors.joining(", ")),
            Arrays.stream(ExportColumn.values()).map(c -> ":" + c.column()).collect(Collectors.joining(", ")));
    private static final String INSERT_PARAM = """
            INSERT INTO esignon_export_param (export_id, param_order, param_id, param_value)
            VALUES (:export_id, :param_order, :param_id, :param_value)""";
    private static final String FIND_BY_KEY = """
            SELECT id, passed, excluded_reason FROM esignon_export WHERE dedupe_key = :dedupe_key""";
    private static final String COUNT_BY_WFUID = """
            SELECT COUNT(*) FROM esignon_export WHERE wfuid = :wfuid""";
    private static final String INSERT_REJECTED = """
            INSERT INTO esignon_rejected_export (received_at, reason, content_type, raw_body)
            VALUES (:received_at, :reason, :content_type, :raw_body)""";
    private static final String[] ID = {"id"};
    /** Most exports one transaction takes: bounds its batches and the time its callers wait together */
    private static final int MAX_GROUP = 64;
    /** Writer threads, each writing one group at a time: two overlap one group's commit with the next group */
    private static final int WRITERS = 2;
    /** How often an idle writer looks whether the product is stopping */
    private static final Duration IDLE_LOOK = Duration.ofMillis(200);
    /** Longest a stop waits for the writers to finish what is waiting */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Subscribers subscribers;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> writerThreads = new ArrayList<>();
    private final DistributionSummary storedTogether;
    private volatile boolean stopped;

    public ExportStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Subscribers subscribers,
                       MeterRegistry registry) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.subscribers = subscribers;
        this.storedTogether = DistributionSummary.builder("esignon.exports.stored.together")
                .description("Exports the webhook's writers stored in one transaction (group commit)").register(registry);
    }

    public Map<String, Object> store(Map<String, Object> export, String excludedReason) {
        Pending mine = new Pending(row(export, excludedReason));
        waiting.add(mine);
        if (stopped && waiting.remove(mine)) {
            return storeAlone(mine.row); // no writer any more (the spool's last drain at a stop)
        }
        Map<String, Object> answer;
        try {
            answer = mine.answer.join();
        } catch (CompletionException e) {
            // the cause as it was thrown, so that the route's error handling (spool, 503) sees its type
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        // the group could not be written as one (a repeat among them, a value one database refuses):
        // each of its exports is stored on its own, in its caller's thread
        return answer != null ? answer : storeAlone(mine.row);
    }

    /** How many exports of this document are stored already (api-type StartAndEnd passes only the first). */
    public long earlierExports(String wfuid) {
        return jdbc.queryForObject(COUNT_BY_WFUID, Map.of("wfuid", wfuid), Long.class);
    }

    /** Keeps a body that is not an export in {@code esignon_rejected_export} ({@link ExportParser#rejected}'s row). */
    public void keepRejected(Map<String, Object> rejected) {
        jdbc.update(INSERT_REJECTED, rejected);
    }

    @PostConstruct
    void startWriters() {
        for (int i = 1; i <= WRITERS; i++) {
            Thread writer = new Thread(this::writeWaiting, "export-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writerThreads.add(writer);
        }
    }

    /**
     * At a stop, after the web server and the routes: the writers finish what is waiting (a writer
     * is not interrupted: H2 closes its file under an interrupted thread); an export still waiting
     * after that, or arriving now, is stored by its caller.
     */
    @PreDestroy
    void stopWriters() throws InterruptedException {
        stopped = true;
        for (Thread writer : writerThreads) {
            writer.join(STOP_WAIT.toMillis());
        }
        for (Pending left; (left = waiting.poll()) != null; ) {
            left.answer.complete(null);
        }
    }

    /** A writer: takes what is waiting, up to a group, and writes it; looks again a moment later when nothing is. */
    private void writeWaiting() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (true) {
            try {
                Pending first = waiting.poll(IDLE_LOOK.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopped) {
                        return;
                    }
                    continue;
                }
                group.add(first);
                waiting.drainTo(group, MAX_GROUP - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable unexpected) {
                // a writer never dies with callers waiting on it
                group.forEach(pending -> pending.answer.completeExceptionally(unexpected));
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Pending> group) {
        if (group.size() == 1) {
            Pending alone = group.get(0);
            try {
                alone.answer.complete(storeAlone(alone.row));
                storedTogether.record(1);
            } catch (RuntimeException e) {
                alone.answer.completeExceptionally(e);
            }
            return;
        }
        try {
            List<Long> ids = transaction.execute(status -> insert(group));
            storedTogether.record(group.size());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer.complete(answer(ids.get(i), group.get(i).row, false));
            }
        } catch (CannotCreateTransactionException | TransactionSystemException unreachable) {
            // no connection, or a commit whose outcome is unknown: every caller is told at once (the
            // route spools; a spooled export that did commit is a repeat there), none waits for one again
            group.forEach(pending -> pending.answer.completeExceptionally(unreachable));
        } catch (RuntimeException groupFailed) {
            group.forEach(pending -> pending.answer.complete(null));
        }
    }

    /** The group's ids, in its order. */
    private List<Long> insert(List<Pending> group) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.batchUpdate(INSERT_EXPORT, group.stream().map(Pending::row).toArray(SqlParameterSource[]::new), keys, ID);
        if (keys.getKeyList().size() != group.size()) {
            throw new IllegalStateException("the driver gave " + keys.getKeyList().size() + " ids for " + group.size() + " rows");
        }
        List<Long> ids = keys.getKeyList().stream().map(key -> ((Number) key.values().iterator().next()).longValue()).toList();
        List<SqlParameterSource> params = new ArrayList<>();
        List<Subscribers.Queued> queued = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            params.addAll(params(group.get(i).row, ids.get(i)));
            queued.addAll(queued(group.get(i).row, ids.get(i)));
        }
        jdbc.batchUpdate(INSERT_PARAM, params.toArray(SqlParameterSource[]::new));
        subscribers.fanOut(queued);
        return ids;
    }

    private Map<String, Object> storeAlone(MapSqlParameterSource row) {
        for (int attempt = 1; ; attempt++) {
            try {
                return storeAloneOnce(row);
            } catch (PessimisticLockingFailureException deadlockLoser) {
                // MariaDB can make one of two inserts of the same dedupe key a deadlock's loser: the database
                // asks for the transaction again, which then finds the repeat (not an unreachable database)
                if (attempt == 3) {
                    throw deadlockLoser;
                }
            }
        }
    }

    private Map<String, Object> storeAloneOnce(MapSqlParameterSource row) {
        try {
            long id = transaction.execute(status -> {
                // the id comes back with the insert (RETURNING / generated keys): no second statement
                KeyHolder key = new GeneratedKeyHolder();
                jdbc.update(INSERT_EXPORT, row, key, ID);
                long newId = key.getKey().longValue();
                jdbc.batchUpdate(INSERT_PARAM, params(row, newId).toArray(SqlParameterSource[]::new));
                subscribers.fanOut(queued(row, newId));
                return newId;
            });
            return answer(id, row, false);
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

    /** An export that passed the filters is queued for every subscriber of the events it belongs to. */
    private static List<Subscribers.Queued> queued(MapSqlParameterSource row, long exportId) {
        if (!Boolean.TRUE.equals(row.getValue("passed"))) {
            return List.of();
        }
        return Event.of(row.getValues()).stream().map(event -> new Subscribers.Queued(exportId, exportId, event)).toList();
    }

    private static MapSqlParameterSource row(Map<String, Object> export, String excludedReason) {
        return new MapSqlParameterSource(export)
                .addValue("passed", excludedReason == null)
                .addValue("excluded_reason", excludedReason);
    }

    @SuppressWarnings("unchecked")
    private static List<SqlParameterSource> params(MapSqlParameterSource row, long exportId) {
        return ((List<Map<String, Object>>) row.getValue("params")).stream()
                .map(param -> (SqlParameterSource) new MapSqlParameterSource(param).addValue("export_id", exportId))
                .toList();
    }

    private static Map<String, Object> answer(long id, MapSqlParameterSource row, boolean duplicate) {
        return answer(id, (String) row.getValue("excluded_reason"), duplicate);
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

    /** An export waiting for a writer; its answer is null when its caller is to store it alone. */
    private record Pending(MapSqlParameterSource row, CompletableFuture<Map<String, Object>> answer) {
        Pending(MapSqlParameterSource row) {
            this(row, new CompletableFuture<>());
        }
    }
}
