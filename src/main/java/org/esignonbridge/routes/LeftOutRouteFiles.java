package org.esignonbridge.routes;

import java.util.List;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;

/**
 * The route files {@link RouteFileGuard} left out at start, each with its first mistake
 * ({@code file:line: message}): for a health check, and for tests.
 */
@Component
public class LeftOutRouteFiles {

    /** Where the guard, which runs before any bean exists, hands them over: one per line. */
    static final String PROPERTY = "esignon.routes.left-out";
    static final String SOURCE = "brokenRouteFiles";

    private final List<String> files;

    public LeftOutRouteFiles(ConfigurableEnvironment environment) {
        // read as written: the reasons quote route files, whose ${...} are no placeholders of Spring's
        PropertySource<?> source = environment.getPropertySources().get(SOURCE);
        Object value = source == null ? null : source.getProperty(PROPERTY);
        this.files = value == null ? List.of() : List.of(value.toString().split("\n"));
    }

    /** Each left-out file with the reason, as {@code file:line: message}; empty when every file runs. */
    public List<String> files() {
        return files;
    }
}
