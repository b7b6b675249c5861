package org.esignonbridge.admin;

import java.util.Map;

import org.esignonbridge.delivery.DeliveryOperations;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** The admin API (docs/operate.md); {@link AdminContextConfiguration} routes to it, {@link AdminSecurity} guards it. */
public class AdminApi {

    private final ContractTrail trail;
    private final DeliveryOperations deliveries;
    private final AdminProperties properties;
    private final AdminAudit audit;

    public AdminApi(ContractTrail trail, DeliveryOperations deliveries, AdminProperties properties, AdminAudit audit) {
        this.trail = trail;
        this.deliveries = deliveries;
        this.properties = properties;
        this.audit = audit;
    }

    /** The trail of one contract: its exports, oldest first, each with params, archived files and deliveries. */
    public ServerResponse contract(ServerRequest request) {
        String wfuid = request.pathVariable("wfuid");
        return ServerResponse.ok().body(Map.of("wfuid", wfuid, "exports", trail.exports(wfuid)));
    }

    /** Contracts with an export in the last {@code days} (default esignon.admin.recent-days), latest first. */
    public ServerResponse contracts(ServerRequest request) {
        int days = request.param("days").map(Integer::parseInt).orElse(properties.recentDays());
        return ServerResponse.ok().body(trail.recent(days, limit(request, 200)));
    }

    /** Bodies answered 400, newest first, secrets redacted. */
    public ServerResponse rejected(ServerRequest request) {
        int limit = limit(request, 50);
        audit.record("read_rejected", "api, up to " + limit);
        return ServerResponse.ok().body(trail.rejected(limit));
    }

    /** Every subscriber's backlog: pending, parked, oldest pending age, delivered, retries. */
    public ServerResponse subscribers(ServerRequest request) {
        return ServerResponse.ok().body(deliveries.subscribers());
    }

    /** One subscriber's pending or parked deliveries ({state}), oldest first, with their last error. */
    public ServerResponse deliveries(ServerRequest request) {
        String subscriber = request.pathVariable("subscriber");
        int limit = limit(request, 100);
        return switch (request.pathVariable("state")) {
            case "pending" -> ServerResponse.ok().body(deliveries.pending(subscriber, limit));
            case "parked" -> ServerResponse.ok().body(deliveries.parked(subscriber, limit));
            default -> ServerResponse.notFound().build();
        };
    }

    /** Sets one event back to pending; 409 when it is being delivered right now or does not exist. */
    public ServerResponse replay(ServerRequest request) {
        String subscriber = request.pathVariable("subscriber");
        long event = Long.parseLong(request.pathVariable("event"));
        boolean replayed = deliveries.replay(subscriber, event);
        audit.record("replay", subscriber + " event " + event + (replayed ? "" : " (not parked or busy: nothing done)"));
        return ServerResponse.status(replayed ? HttpStatus.OK : HttpStatus.CONFLICT).body(Map.of("replayed", replayed ? 1 : 0));
    }

    /** Sets every parked event of one subscriber back to pending; what was delivered stays delivered. */
    public ServerResponse replayParked(ServerRequest request) {
        String subscriber = request.pathVariable("subscriber");
        int replayed = deliveries.replayParked(subscriber);
        audit.record("replay_parked", subscriber + ": " + replayed + " event(s)");
        return ServerResponse.ok().body(Map.of("replayed", replayed));
    }

    private static int limit(ServerRequest request, int otherwise) {
        return Math.max(1, Math.min(request.param("limit").map(Integer::parseInt).orElse(otherwise), 1000));
    }
}
