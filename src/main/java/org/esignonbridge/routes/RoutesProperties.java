package org.esignonbridge.routes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Your own route files, beside the flows shipped in the jar.
 *
 * <p>Read before the product's beans exist, by {@link ShippedRouteFiles} and {@link RouteFileGuard}.
 *
 * @param directory <b>Route folder.</b> Your route files (Camel YAML DSL, {@code *.yaml}), relative to the
 *        working folder; it need not exist. A file named like a shipped one ({@code receive-export.camel.yaml},
 *        ...) replaces it; any other file is added. Example: {@code /etc/esignon-bridge/routes}
 * @param guard <b>Leave broken route files out.</b> Check each route file of the folder before start and
 *        leave out a broken one (with an ERROR naming the file, line and mistake, and in health) instead
 *        of failing the start; its work waits until the file is fixed
 */
@ConfigurationProperties("esignon.routes")
public record RoutesProperties(
        @DefaultValue("routes") String directory,
        @DefaultValue("true") boolean guard) {
}
