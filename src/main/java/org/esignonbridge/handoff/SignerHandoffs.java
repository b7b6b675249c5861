package org.esignonbridge.handoff;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.esignonbridge.config.LastError;
import org.esignonbridge.config.RetryBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The hand-offs' bookkeeping in {@code signer_handoff}: what is due, what was sent, what failed. */
@Component("signerHandoffs")
public class SignerHandoffs {

    private static final Logger LOG = LoggerFactory.getLogger(SignerHandoffs.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final EmbedProperties properties;
    private final Clock clock;

    public SignerHandoffs(NamedParameterJdbcTemplate jdbc, EmbedProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Pending hand-offs whose next attempt is due, in the order the exports arrived. */
    public List<SignerHandoff> due() {
        return jdbc.query("SELECT export_id, message, attempts FROM signer_handoff WHERE state = 'pending'"
                        + " AND (next_attempt_at IS NULL OR next_attempt_at <= :now) ORDER BY export_id LIMIT 50",
                Map.of("now", now()),
                (rs, n) -> new SignerHandoff(rs.getLong("export_id"), rs.getString("message"), rs.getInt("attempts")));
    }

    public void sent(@Body SignerHandoff handoff) {
        Map<String, Object> values = values(handoff, null);
        values.put("to", properties.handoffUri().replaceAll("(?i)(password|secret|token|key)=[^&]*", "$1=xxxxx"));
        jdbc.update("UPDATE signer_handoff SET state = 'sent', sent_at = :now, sent_to = :to, attempts = attempts + 1,"
                + " last_error = NULL, next_attempt_at = NULL WHERE export_id = :id", values);
    }

    /** The endpoint failed: try again later, or give up after max-attempts. */
    public void retryLater(@Body SignerHandoff handoff, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error) {
        int attempts = handoff.attempts() + 1;
        Map<String, Object> values = values(handoff, error.getClass().getSimpleName() + ": " + error.getMessage());
        if (attempts >= properties.maxAttempts()) {
            LOG.warn("Giving up handing the next signer's link of export {} to {} after {} attempts: {}",
                    handoff.exportId(), properties.handoffUri(), attempts, values.get("error"));
            jdbc.update("UPDATE signer_handoff SET state = 'failed', attempts = attempts + 1, last_error = :error,"
                    + " next_attempt_at = NULL WHERE export_id = :id", values);
            return;
        }
        values.put("next", now().plus(new RetryBackoff(properties.retryInitialDelay(), properties.retryMaxDelay())
                .delayAfter(attempts)));
        jdbc.update("UPDATE signer_handoff SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next"
                + " WHERE export_id = :id", values);
    }

    /** A signing link as it may appear in a log: its host and path, not the token that opens the contract. */
    public static String masked(String url) {
        if (url == null) {
            return null;
        }
        int query = url.indexOf('?');
        return query < 0 ? url.replaceAll("[^/]{4,}$", "****") : url.substring(0, query) + "?****";
    }

    private Map<String, Object> values(SignerHandoff handoff, String error) {
        Map<String, Object> values = new HashMap<>();
        values.put("id", handoff.exportId());
        values.put("error", LastError.fit(error));
        values.put("now", now());
        return values;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
