package org.esignonbridge.admin;

import java.util.Map;

import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** The admin API (README: Operating it); {@link AdminContextConfiguration} routes to it, behind the token. */
public class AdminApi {

    private final ContractTrail trail;
    private final AdminProperties properties;

    public AdminApi(ContractTrail trail, AdminProperties properties) {
        this.trail = trail;
        this.properties = properties;
    }

    /** The trail of one contract: its exports, oldest first, each with params and deliveries. */
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
        return ServerResponse.ok().body(trail.rejected(limit(request, 50)));
    }

    private static int limit(ServerRequest request, int otherwise) {
        return Math.min(request.param("limit").map(Integer::parseInt).orElse(otherwise), 1000);
    }
}
