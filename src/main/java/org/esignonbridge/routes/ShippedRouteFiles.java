package org.esignonbridge.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The flows shipped in the jar ({@code classpath:routes/}) run unless the operator's route folder
 * ({@code esignon.routes.directory}) has a file of the same name, which replaces the shipped one;
 * the folder's other files are added. Each {@code classpath:} pattern of
 * {@code camel.main.routes-include-pattern} becomes the list of its files that no {@code file:}
 * pattern replaces, and a {@code file:} pattern whose folder does not exist is left out, before
 * {@link RouteFileGuard} checks the folder's files and Camel loads them.
 */
public class ShippedRouteFiles implements EnvironmentPostProcessor, Ordered {

    private static final String INCLUDE = "camel.main.routes-include-pattern";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;   // after application.yaml, before RouteFileGuard
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String include = environment.getProperty(INCLUDE);
        if (include == null) {
            return;
        }
        Set<String> onDisk = RouteFileGuard.routeFiles(include).stream()
                .map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        var classpath = new PathMatchingResourcePatternResolver(application.getClassLoader());
        List<String> patterns = new ArrayList<>();
        for (String pattern : include.split(",")) {
            pattern = pattern.trim();
            if (pattern.startsWith("file:") && !Files.isDirectory(folder(pattern))) {
                continue;   // the operator's folder need not exist; Camel would stop on it
            }
            if (!pattern.startsWith("classpath:") || !pattern.contains("*")) {
                patterns.add(pattern);
                continue;
            }
            String folder = pattern.substring(0, pattern.lastIndexOf('/') + 1);
            for (Resource shipped : resources(classpath, pattern)) {
                if (!onDisk.contains(shipped.getFilename())) {
                    patterns.add(folder + shipped.getFilename());
                }
            }
        }
        environment.getPropertySources().addFirst(new MapPropertySource("shippedRouteFiles", Map.of(INCLUDE, String.join(",", patterns))));
    }

    private static Path folder(String filePattern) {
        Path folder = Path.of(filePattern.substring("file:".length())).getParent();
        return folder == null ? Path.of(".") : folder;
    }

    private static List<Resource> resources(PathMatchingResourcePatternResolver classpath, String pattern) {
        try {
            return List.of(classpath.getResources(pattern));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
