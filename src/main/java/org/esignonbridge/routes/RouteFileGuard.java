package org.esignonbridge.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps one broken route file from stopping the product. Before Camel loads the route files, each
 * is checked with {@link RouteFileValidator}; a broken file is left out (added to
 * {@code camel.main.routes-exclude-pattern}) with an ERROR naming the file, line and mistake. The
 * webhook keeps accepting and storing exports, and the work of the left-out flow waits in SQL
 * until the file is fixed. The receive flow ({@code receive-*.yaml}) is never left out: without it
 * there is nothing to run, so its mistakes stop the start as Camel reports them. The files left out,
 * with their first mistake, are {@code esignon.routes.left-out[i].file} and {@code .reason}, which health reports.
 */
public class RouteFileGuard implements EnvironmentPostProcessor, Ordered {

    private static final String INCLUDE = "camel.main.routes-include-pattern";
    private static final String EXCLUDE = "camel.main.routes-exclude-pattern";

    private final Log log;

    public RouteFileGuard(DeferredLogFactory logs) {
        this.log = logs.getLog(RouteFileGuard.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after application.yaml and every other source is in place
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String include = environment.getProperty(INCLUDE);
        if (include == null || !Boolean.parseBoolean(environment.getProperty("esignon.routes.guard"))) {
            return;
        }
        RouteFileValidator validator = null;
        List<String> excluded = new ArrayList<>();
        Map<String, Object> leftOut = new LinkedHashMap<>();   // read by LeftOutRouteFiles
        List<Path> files = new ArrayList<>(routeFiles(include));
        // receive-* first, so that a staff file reusing one of its route ids is the one left out
        files.sort(Comparator.comparing((Path file) -> !file.getFileName().toString().startsWith("receive-")));
        for (Path file : files) {
            if (validator == null) {
                validator = new RouteFileValidator(environment::getProperty);
            }
            List<RouteFileValidator.Problem> problems = validator.validate(file);
            if (file.getFileName().toString().startsWith("receive-")) {
                continue; // checked for its route ids only: its mistakes stop the start as Camel reports them
            }
            if (!problems.isEmpty()) {
                problems.forEach(problem -> log.error("Route file left out until it is fixed: " + problem));
                String index = LeftOutRouteFiles.PROPERTY + "[" + excluded.size() + "].";
                leftOut.put(index + "file", file.toString());
                leftOut.put(index + "reason", problems.get(0).line() + ": " + problems.get(0).message());
                excluded.add("file:" + file);
            }
        }
        if (!excluded.isEmpty()) {
            String existing = environment.getProperty(EXCLUDE);
            String exclude = (existing == null || existing.isBlank() ? "" : existing + ",") + String.join(",", excluded);
            leftOut.put(EXCLUDE, exclude);
            environment.getPropertySources().addFirst(new MapPropertySource(LeftOutRouteFiles.SOURCE, leftOut));
        }
    }

    /** The files a {@code file:} include pattern such as {@code file:routes/*.yaml} names. */
    static List<Path> routeFiles(String includePattern) {
        List<Path> files = new ArrayList<>();
        for (String pattern : includePattern.split(",")) {
            pattern = pattern.trim();
            if (!pattern.startsWith("file:")) {
                continue;
            }
            Path glob = Path.of(pattern.substring("file:".length()));
            Path folder = glob.getParent() == null ? Path.of(".") : glob.getParent();
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.getFileName());
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> list = Files.list(folder)) {
                list.filter(f -> matcher.matches(f.getFileName())).sorted().forEach(files::add);
            } catch (IOException e) {
                // unreadable folder: Camel reports it when it loads the routes
            }
        }
        return files;
    }
}
