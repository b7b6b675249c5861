package org.esignonbridge.operations;

import java.util.List;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * DOWN while a route file is left out, with the file and its first mistake, as the route file guard
 * recorded them in {@code esignon.routes.left-out}. Not part of readiness: the webhook still takes
 * exports; the left-out flow's work waits in SQL until the file is fixed.
 */
@Component("routeFiles")
public class RouteFilesHealthIndicator extends AbstractHealthIndicator {

    /** A file of {@code routes/} that was not loaded, and why. */
    public record LeftOut(String file, String reason) {
    }

    private final List<LeftOut> leftOut;

    public RouteFilesHealthIndicator(Environment environment) {
        this.leftOut = Binder.get(environment)
                .bind("esignon.routes.left-out", Bindable.listOf(LeftOut.class))
                .orElse(List.of());
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        (leftOut.isEmpty() ? health.up() : health.down()).withDetail("leftOut", leftOut);
    }
}
