package org.esignonbridge.routes;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;

/**
 * The route files {@link RouteFileGuard} left out at start, each with its first mistake: for the
 * health check and for tests.
 */
@Component
public class LeftOutRouteFiles {

    /** Where the guard, which runs before any bean exists, hands them over: {@code [i].file}, {@code [i].reason}. */
    static final String PROPERTY = "esignon.routes.left-out";
    static final String SOURCE = "brokenRouteFiles";

    /** A route file that was not loaded, and why ({@code line: mistake}). */
    public record LeftOut(String file, String reason) {
    }

    private final List<LeftOut> files = new ArrayList<>();

    public LeftOutRouteFiles(ConfigurableEnvironment environment) {
        // read as written: the reasons quote route files, whose ${...} are no placeholders of Spring's
        PropertySource<?> source = environment.getPropertySources().get(SOURCE);
        for (int i = 0; source != null && source.containsProperty(PROPERTY + "[" + i + "].file"); i++) {
            files.add(new LeftOut((String) source.getProperty(PROPERTY + "[" + i + "].file"),
                    (String) source.getProperty(PROPERTY + "[" + i + "].reason")));
        }
    }

    /** Each left-out file with its reason; empty when every file runs. */
    public List<LeftOut> files() {
        return files;
    }
}
