package org.esignonbridge.config;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * Every {@code esignon.*} setting as its {@code @ConfigurationProperties} record binds it, in the
 * environment ahead of every other source: a route's {@code {{esignon.export.worktypes}}} (and a
 * Kamelet's default, and Spring's {@code ${...}}) is the value Java uses, with the record's default
 * when unset, whether it was written as text or as a YAML list. The records are the one place a
 * setting's default and description live (docs/settings.md is generated from them).
 *
 * <p>The value is written the way Camel and Spring both read it back: a duration in milliseconds
 * ({@code 2000ms}; Camel reads an ISO-8601 {@code PT2S} as 0), a size in bytes, a list comma-separated,
 * an enum by its name, an unset value as empty text.
 */
public class BoundSettings extends PropertySource<Object> {

    public static final String NAME = "esignonBoundSettings";

    /** The records and their settings, found once: they are classes, the same for every environment. */
    private static volatile Map<String, Setting> settings;

    /** Set while this thread binds a record, so that binding does not ask this source again. */
    private static final ThreadLocal<Boolean> BINDING = new ThreadLocal<>();

    /** One setting: the record bound at {@code prefix}, and the accessors that lead from it to the value. */
    record Setting(String prefix, Class<?> record, List<Method> path) {
    }

    /** Binds from here; not this source's source, which Spring Boot would walk into as a nested environment. */
    private final ConfigurableEnvironment environment;

    public BoundSettings(ConfigurableEnvironment environment) {
        super(NAME);
        this.environment = environment;
    }

    /** Puts the bound settings ahead of the other sources of {@code environment}. */
    public static void install(ConfigurableEnvironment environment) {
        if (!environment.getPropertySources().contains(NAME)) {
            environment.getPropertySources().addFirst(new BoundSettings(environment));
        }
    }

    /** The name of every {@code esignon.*} setting a record binds to a value a route can read. */
    public static Collection<String> names() {
        return index().keySet();
    }

    @Override
    public Object getProperty(String name) {
        Setting setting = index().get(name);
        if (setting == null || BINDING.get() != null) {
            return null;
        }
        BINDING.set(Boolean.TRUE);
        try {
            Object value = Binder.get(environment).bindOrCreate(setting.prefix(), setting.record());
            for (Method accessor : setting.path()) {
                value = value == null ? null : accessor.invoke(value);
            }
            return text(value);
        } catch (RuntimeException | ReflectiveOperationException wrong) {
            return null; // binding the record itself reports what is wrong, with Spring Boot's message
        } finally {
            BINDING.remove();
        }
    }

    /** As Camel and Spring both read it back; null when text cannot carry it (a list delivery with a comma). */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Duration duration) {
            return duration.toMillis() + "ms";
        }
        if (value instanceof DataSize size) {
            return size.toBytes() + "B";
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Collection<?> deliveries) {
            List<String> texts = deliveries.stream().map(BoundSettings::text).toList();
            return texts.stream().anyMatch(delivery -> delivery == null || delivery.contains(",")) ? null : String.join(",", texts);
        }
        return value.toString();
    }

    private static Map<String, Setting> index() {
        if (settings == null) {
            Map<String, Setting> found = new LinkedHashMap<>();
            var scanner = new ClassPathScanningCandidateComponentProvider(false);
            scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
            for (BeanDefinition candidate : scanner.findCandidateComponents("org.esignonbridge")) {
                Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), BoundSettings.class.getClassLoader());
                String prefix = MergedAnnotations.from(type).get(ConfigurationProperties.class).getString("prefix");
                if (type.isRecord()) {
                    collect(found, prefix, type, prefix, type, List.of());
                }
            }
            settings = found.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        }
        return settings;
    }

    private static void collect(Map<String, Setting> found, String rootPrefix, Class<?> root, String prefix, Class<?> type,
                                List<Method> path) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
            List<Method> next = new ArrayList<>(path);
            next.add(component.getAccessor());
            if (component.getType().isRecord()) {
                collect(found, rootPrefix, root, name, component.getType(), next);
            } else if (!isListOfRecords(component)) {
                found.put(name, new Setting(rootPrefix, root, List.copyOf(next)));
            }
        }
    }

    private static boolean isListOfRecords(RecordComponent component) {
        return component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> delivery && delivery.isRecord();
    }

    /** Installs {@link BoundSettings} once the configuration files are read, before the route files are checked. */
    public static class Installer implements EnvironmentPostProcessor, Ordered {

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE - 2;   // before ShippedRouteFiles reads esignon.routes.directory
        }

        @Override
        public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
            install(environment);
        }
    }
}
