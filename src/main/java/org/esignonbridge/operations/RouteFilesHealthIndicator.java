package org.esignonbridge.operations;

import org.esignonbridge.routes.LeftOutRouteFiles;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * DOWN while a route file is left out, with the file and its first mistake. Not part of readiness:
 * the webhook still takes exports; the left-out flow's work waits in SQL until the file is fixed.
 */
@Component("routeFiles")
public class RouteFilesHealthIndicator extends AbstractHealthIndicator {

    private final LeftOutRouteFiles leftOut;

    public RouteFilesHealthIndicator(LeftOutRouteFiles leftOut) {
        this.leftOut = leftOut;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        (leftOut.files().isEmpty() ? health.up() : health.down()).withDetail("leftOut", leftOut.files());
    }
}
