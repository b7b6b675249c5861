package org.esignonbridge.sheets;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * This installation's id, generated once and kept in the database (table installation): every
 * instance on the database shares it, another installation (or this one moved to a new database)
 * has another.
 */
@Component
public class Installation {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private volatile String id;

    public Installation(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String id() {
        if (id == null) {
            id = read();
            if (id == null) {
                try {
                    jdbc.update("INSERT INTO installation (name, id, created_at) VALUES ('this', :id, :now)",
                            Map.of("id", UUID.randomUUID().toString(), "now", LocalDateTime.now(clock.withZone(ZoneOffset.UTC))));
                } catch (DuplicateKeyException anotherInstanceWasFirst) {
                    // its id is the one
                }
                id = read();
            }
        }
        return id;
    }

    private String read() {
        List<String> ids = jdbc.queryForList("SELECT id FROM installation WHERE name = 'this'", Map.of(), String.class);
        return ids.isEmpty() ? null : ids.get(0);
    }
}
