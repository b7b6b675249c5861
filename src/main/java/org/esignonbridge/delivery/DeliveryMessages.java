package org.esignonbridge.delivery;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.Message;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a claim hands over: the claimed deliveries loaded from their tables (stored exports, or archived
 * files) as the message the subscriber's route receives, with the headers the Kamelet documents.
 */
@Component
public class DeliveryMessages {

    /** The export id (a batch: the ids, comma-separated) in the MDC of every log line of a delivery. */
    public static final String EXPORT_ID_MDC_HEADER = "esignon-export-id";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectProvider<ArchivedFileOpener> stores;

    public DeliveryMessages(NamedParameterJdbcTemplate jdbc, ObjectProvider<ArchivedFileOpener> stores) {
        this.jdbc = jdbc;
        this.stores = stores;
    }

    /** Makes the claim the message the subscriber's route receives: the delivery, or the list of events for a batch. */
    public void present(Claim claim, Message message) {
        Subscriber subscriber = claim.subscriber();
        List<Long> ids = claim.eventIds();
        List<Object> bodies = new ArrayList<>();
        Map<String, Object> headers = new HashMap<>();
        if (!subscriber.event().ofExports()) {
            for (Map<String, Object> file : jdbc.queryForList("SELECT id, export_id, wfuid, kind, stored_path, sha256, size_bytes"
                    + " FROM archive_file WHERE id IN (:ids) ORDER BY id", Map.of("ids", ids))) {
                String location = (String) file.get("stored_path");
                ArchivedFileOpener store = stores.stream().filter(s -> s.opens(location)).findFirst().orElse(null);
                bodies.add(store == null ? new File(location) : new OpenOnRead(() -> store.open(location)));
                headers.put("EsignonStoredAt", location);
                headers.put("EsignonWfuid", file.get("wfuid"));
                headers.put("EsignonDocumentKind", file.get("kind"));
                headers.put("EsignonSha256", file.get("sha256"));
                headers.put("EsignonSize", file.get("size_bytes"));
                // the archive's own folder name is already safe; prefixing it keeps names unique in a flat target
                String[] names = location.replace('\\', '/').split("/");
                String name = store == null ? null : store.fileName(location);
                headers.put("CamelFileName", name != null ? name : names[names.length - 2] + "-" + names[names.length - 1]);
            }
        } else {
            bodies.addAll(exports(claim.deliveries().stream().map(Claim.Delivery::exportId).toList()));
        }
        // what camel.mdc.custom-exchange-headers puts in the MDC of every log line of this delivery
        headers.put(EXPORT_ID_MDC_HEADER, claim.deliveries().stream().map(delivery -> Long.toString(delivery.exportId())).distinct()
                .collect(Collectors.joining(",")));
        headers.put("EsignonEvent", subscriber.event().id());
        headers.put("EsignonSubscriber", subscriber.name());
        headers.put("EsignonAttempt", claim.attempt());
        headers.put("EsignonRedelivery", claim.redelivery());
        headers.put("EsignonEventIds", ids);   // a batch's events, in the body's order
        if (!subscriber.batch()) {
            headers.put("EsignonExportId", claim.deliveries().get(0).exportId());
            headers.put("EsignonEventId", claim.deliveries().get(0).eventId());
        }
        message.setBody(subscriber.batch() ? bodies : bodies.get(0));
        message.getHeaders().putAll(headers);
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
}
