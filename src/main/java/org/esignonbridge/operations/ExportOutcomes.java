package org.esignonbridge.operations;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.sheets.v4.model.AppendValuesResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Watches the routes from outside, so that no flow carries metrics or logging steps. For every
 * answer of the webhook: one log line (export id, {@code wfuid}, outcome, status, time taken; never
 * the body or the secret) and the timer {@code esignon.exports.received} tagged with the outcome,
 * a latency histogram. For every append Google confirmed: {@code esignon.sheet.rows.written}.
 */
@Component
public class ExportOutcomes extends EventNotifierSupport implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ExportOutcomes.class);
    private static final String WEBHOOK_ROUTE = "receive-export";

    /** The {@code error} code of a refusal, as the outcome tag names it. */
    private static final Map<String, String> REFUSALS = Map.of(
            "invalid_export", "invalid",
            "unauthorized", "unauthorized",
            "too_large", "too_large",
            "too_slow", "too_slow",
            "unavailable", "unavailable");

    private final ObjectMapper json = new ObjectMapper();
    private final MeterRegistry registry;
    private final Counter rowsWritten;

    public ExportOutcomes(MeterRegistry registry) {
        this.registry = registry;
        this.rowsWritten = Counter.builder("esignon.sheet.rows.written")
                .description("Rows Google confirmed appended to the sheet (header rows included)").register(registry);
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        camelContext.getManagementStrategy().addEventNotifier(this);   // not picked up from the registry on its own
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeCompletedEvent || event instanceof ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeCompletedEvent completed && WEBHOOK_ROUTE.equals(completed.getExchange().getFromRouteId())) {
            answered(completed.getExchange());
        } else if (event instanceof ExchangeSentEvent sent && !sent.getExchange().isFailed()
                && sent.getEndpoint().getEndpointUri().startsWith("google-sheets:")   // not a direct: call that returns it
                && sent.getExchange().getMessage().getBody() instanceof AppendValuesResponse response
                && response.getUpdates() != null && response.getUpdates().getUpdatedRows() != null) {
            rowsWritten.increment(response.getUpdates().getUpdatedRows());
        }
    }

    private void answered(Exchange exchange) {
        record(answer(exchange), exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class),
                exchange.getVariable("wfuid", String.class), Duration.ofMillis(exchange.getClock().elapsed()));
    }

    /** Counts and logs one answer of the webhook: from its route, or from the filter that answers before it (401, 408). */
    public void record(JsonNode answer, int status, String wfuid, Duration took) {
        String outcome = outcome(answer);
        Timer.builder("esignon.exports.received")
                .description("Exports the webhook answered, by outcome, and how long each answer took")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
        LOG.atInfo()
                .addKeyValue("export_id", answer.path("id").asText(null))
                .addKeyValue("wfuid", wfuid)
                .addKeyValue("outcome", outcome)
                .addKeyValue("duration_ms", took.toMillis())
                .log("Export {} wfuid={} outcome={} status={} in {} ms", answer.path("id").asText("-"),
                        wfuid == null ? "-" : wfuid, outcome, status, took.toMillis());
    }

    /**
     * accepted, duplicate, excluded (stored, a filter excluded it), spooled (kept on disk while the
     * database is away), invalid, unauthorized, too_large, too_slow, unavailable, or error.
     */
    static String outcome(JsonNode answer) {
        if (answer.path("accepted").asBoolean(false)) {
            if (answer.path("duplicate").asBoolean(false)) {
                return "duplicate";
            }
            if (answer.path("spooled").asBoolean(false)) {
                return "spooled";
            }
            return answer.path("passed").asBoolean(true) ? "accepted" : "excluded";
        }
        return REFUSALS.getOrDefault(answer.path("error").asText(""), "error");
    }

    private JsonNode answer(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        try {
            if (body instanceof StreamCache cache) {
                cache.reset();   // and again below: the answer may not have been written to the caller yet
            }
            byte[] bytes = exchange.getContext().getTypeConverter().convertTo(byte[].class, exchange, body);
            return bytes == null ? json.missingNode() : json.readTree(bytes);
        } catch (IOException | RuntimeException notJson) {
            return json.missingNode();
        } finally {
            if (body instanceof StreamCache cache) {
                cache.reset();
            }
        }
    }
}
