package org.esignonbridge.sheets;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.esignonbridge.receive.ExportQueue;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Queues every export that passed the filters for the sheet, while the sheet is enabled. */
@Component
@ConditionalOnProperty(name = "esignon.sheets.enabled", havingValue = "true")
public class SheetQueue implements ExportQueue {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SheetQueue(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void enqueue(long exportId, Map<String, Object> export) {
        jdbc.update("INSERT INTO sheet_row (export_id, queued_at) VALUES (?, ?)",
                exportId, LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
    }
}
