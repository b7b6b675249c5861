package org.esignonbridge.routes;

import java.beans.Introspector;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.serialization.JsonNodeReader;
import com.networknt.schema.serialization.node.JsonLocationAware;
import org.apache.camel.CamelContext;
import org.apache.camel.CatalogCamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.LineNumberAware;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RecipientListDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.language.ConstantExpression;
import org.apache.camel.model.language.MethodCallExpression;
import org.apache.camel.spi.PropertiesSource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.StringHelper;
import org.esignonbridge.config.BoundSettings;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.objenesis.ObjenesisStd;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Checks route files before they are deployed, with Camel's own means first: the Camel YAML DSL
 * JSON schema that camel-yaml-dsl ships, Camel's YAML loader (into a context that starts nothing),
 * each endpoint created by its component, and a Kamelet's parameters validated against the JSON
 * Schema of its {@code spec.definition}. What is the product's own: placeholders that
 * {@code application.yaml} sets, route ids unique across files, the product's beans and their
 * methods, Simple compiled before the start would fail on it, and the {@code scheme://} form editors
 * cannot read. With {@code createRoutes} (validate-routes) the routes are also created. Every mistake
 * is reported as {@code file:line: message}.
 */
public final class RouteFileValidator {

    /** One mistake, where a person finds it. */
    public record Problem(Path file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /**
     * JSON Schema draft 4, as the YAML DSL schema declares it and Kamelet definitions (OpenAPI) follow
     * it; the keywords it does not know ({@code deprecated}, {@code example}) are annotations.
     */
    static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            factory -> factory.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV4())
                    .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword)).build()));
    /** Reads YAML into JSON nodes that know their line, for the schemas' messages. */
    static final JsonNodeReader YAML = JsonNodeReader.builder().locationAware().build();
    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    private final ObjectMapper json = new ObjectMapper();
    private final JsonSchema yamlDsl;
    private final Function<String, String> settings;
    private final boolean createRoutes;
    private final KameletParameters kameletParameters;
    /** Route ids of the files checked so far, and where: ids are unique across all route files. */
    private final Map<String, Path> routeIds = new HashMap<>();
    private Map<String, Class<?>> productBeans;

    /**
     * @param settings     resolves the placeholders of route files ({@code {{name}}}); null when not set
     * @param createRoutes also create each file's routes (not started), for {@code validate-routes}; at
     *                     start the product creates them itself, and a check there must stay light
     */
    public RouteFileValidator(Function<String, String> settings, boolean createRoutes) {
        this.settings = settings;
        this.createRoutes = createRoutes;
        this.kameletParameters = new KameletParameters(settings);
        try (InputStream in = RouteFileValidator.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
            if (in == null) {
                throw new IllegalStateException("schema/camelYamlDsl.json is not on the class path (camel-yaml-dsl)");
            }
            // The schema is large and every step refers to the others: loading all its $refs up front
            // took the heap to ~260 MiB at start. Loaded lazily, a check touches only the definitions a file uses.
            SchemaValidatorsConfig lazy = SchemaValidatorsConfig.builder().preloadJsonSchema(false).cacheRefs(false).build();
            this.yamlDsl = SCHEMAS.getSchema(in, lazy);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Settings as placeholders see them in the product: the jar's application.yaml overridden by this one
     * and by environment variables, every {@code esignon.*} setting as its record binds it ({@link BoundSettings}).
     */
    public static Function<String, String> settingsFrom(Path applicationYaml) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(Stream.of(new ClassPathResource("application.yaml"), new FileSystemResource(applicationYaml))
                .filter(Resource::exists).toArray(Resource[]::new));
        StandardEnvironment environment = new StandardEnvironment();
        environment.setIgnoreUnresolvableNestedPlaceholders(true);   // a ${...} naming nothing stays as written
        environment.getPropertySources().addLast(new PropertiesPropertySource("application.yaml", yaml.getObject()));
        BoundSettings.install(environment);
        return environment::getProperty;
    }

    public List<Problem> validate(Path file) {
        JsonNode content;
        try {
            content = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8), InputFormat.YAML);
        } catch (IOException e) {
            return List.of(new Problem(file, 0, "cannot be read: " + e.getMessage()));
        } catch (IllegalArgumentException notYaml) {
            return List.of(NestedExceptionUtils.getMostSpecificCause(notYaml) instanceof MarkedYAMLException marked
                    ? new Problem(file, marked.getProblemMark().getLine() + 1, "not valid YAML: " + marked.getProblem())
                    : new Problem(file, 0, "not valid YAML: " + rootMessage(notYaml)));
        }
        // a node that matches none of a oneOf's choices yields one message per choice: keep the telling one
        Map<String, ValidationMessage> byLocation = new LinkedHashMap<>();
        for (ValidationMessage message : yamlDsl.validate(content)) {
            ValidationMessage kept = byLocation.get(message.getInstanceLocation().toString());
            if (kept == null || (!kept.getMessage().contains("is not defined") && message.getMessage().contains("is not defined"))) {
                byLocation.put(message.getInstanceLocation().toString(), message);
            }
        }
        if (!byLocation.isEmpty()) {
            return byLocation.values().stream()
                    .map(message -> new Problem(file, lineOf(message), "not Camel YAML DSL: " + message.getMessage())).toList();
        }
        return load(file);
    }

    /** Every *.yaml file in the folder, in name order. */
    public List<Problem> validateFolder(Path folder) throws IOException {
        return routeFiles(folder).stream().flatMap(file -> validate(file).stream()).toList();
    }

    /** Loads the file's routes into a context that is never started, and checks their steps. */
    private List<Problem> load(Path file) {
        List<Problem> problems = new ArrayList<>();
        CamelContext camel = new DefaultCamelContext();
        try {
            camel.setSourceLocationEnabled(true);
            camel.getPropertiesComponent().addPropertiesSource(new PropertiesSource() {
                @Override
                public String getName() {
                    return "settings";
                }

                @Override
                public String getProperty(String name) {
                    return settings.apply(name);
                }
            });
            try {
                PluginHelper.getRoutesLoader(camel).loadRoutes(
                        PluginHelper.getResourceLoader(camel).resolveResource("file:" + file.toAbsolutePath()));
            } catch (Exception e) {
                return List.of(new Problem(file, lineIn(e), "cannot be loaded: " + rootMessage(e)));
            }
            for (RouteDefinition route : ((ModelCamelContext) camel).getRouteDefinitions()) {
                checkRouteId(file, route, problems);
                checkEndpoint(camel, file, route.getInput(), route.getInput().getEndpointUri(), problems);
                for (ProcessorDefinition<?> step : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ProcessorDefinition.class)) {
                    if (step instanceof SendDefinition<?> send) {
                        checkEndpoint(camel, file, send, send.getEndpointUri(), problems);
                    } else if (step instanceof ToDynamicDefinition dynamic) {
                        checkEndpoint(camel, file, dynamic, dynamic.getUri(), problems);
                    } else if (step instanceof RecipientListDefinition<?> list && list.getExpression() instanceof ConstantExpression recipients) {
                        // recipients named by a setting (handoff.camel.yaml): endpoints as fixed as a to's
                        String delimiter = list.getDelimiter() == null ? "," : list.getDelimiter();
                        for (String uri : "false".equals(delimiter) ? List.of(recipients.getExpression())
                                : List.of(recipients.getExpression().split(Pattern.quote(delimiter)))) {
                            checkEndpoint(camel, file, list, uri.trim(), problems);
                        }
                    }
                    checkSimple(camel, file, step, problems);
                    if (step instanceof BeanDefinition bean) {
                        checkBean(camel, file, step, bean.getRef(), bean.getMethod(), problems);
                    } else if (step instanceof ExpressionNode node && node.getExpression() instanceof MethodCallExpression call) {
                        checkBean(camel, file, step, call.getRef(), call.getMethod(), problems);
                    }
                }
            }
            if (createRoutes && problems.isEmpty()) {
                create(camel, file, problems);
            }
        } finally {
            camel.stop();
        }
        return problems;
    }

    /**
     * Creates the routes, as the product does at start but without starting them, with the product's
     * beans stood in for by instances that never ran a constructor: what only creating a route shows
     * (a Kamelet's own template, a class name that does not exist, ...) is reported too.
     */
    private void create(CamelContext camel, Path file, List<Problem> problems) {
        ObjenesisStd objenesis = new ObjenesisStd();
        productBeans().forEach((name, type) -> {
            if (camel.getRegistry().lookupByName(name) == null) {
                try {
                    camel.getRegistry().bind(name, objenesis.newInstance(type));
                } catch (RuntimeException | LinkageError notInstantiable) {
                    // then a route using it shows "no bean" as it would have before
                }
            }
        });
        // the webhook's HTTP server is the product's: a consumer that is never started stands in for it
        camel.getRegistry().bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME,
                (PlatformHttpEngine) (endpoint, processor) -> new StandInHttpConsumer(endpoint, processor));
        camel.setAutoStartup(false);
        try {
            camel.start();
        } catch (RuntimeException e) {
            if (needsTheProduct(e)) {
                return;
            }
            String routeId = e instanceof FailedToCreateRouteException failed ? failed.getRouteId() : null;
            RouteDefinition route = routeId == null ? null : ((ModelCamelContext) camel).getRouteDefinition(routeId);
            // Camel names the step as ">>> ConvertBodyTo[java.lang.Strin] <<<"; its root cause may not
            Matcher step = Pattern.compile(">>> (.*?) <<<").matcher(String.valueOf(e.getMessage()));
            problems.add(new Problem(file, route != null && route.getLineNumber() > 0 ? route.getLineNumber() : lineIn(e),
                    (routeId == null ? "" : "route '" + routeId + "' ") + "cannot be created"
                            + (step.find() ? " at " + step.group(1) : "") + ": " + rootMessage(e)));
        }
    }

    /** An endpoint that needs what only the running product has (its data source, Google's credentials). */
    private static boolean needsTheProduct(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ResolveEndpointFailedException && !String.valueOf(cause.getMessage()).contains("Unknown parameter")) {
                return true;
            }
        }
        return false;
    }

    /** Its placeholders are set, its component is on the class path, and the component accepts its options. */
    private void checkEndpoint(CamelContext camel, Path file, LineNumberAware step, String uri, List<Problem> problems) {
        if (uri == null) {
            return;
        }
        String resolved;
        try {
            resolved = camel.resolvePropertyPlaceholders(uri);
        } catch (RuntimeException e) {
            problems.add(new Problem(file, line(step), rootMessage(e) + " (set it in application.yaml)"));
            return;
        }
        if (resolved.contains("${")) {
            return; // a dynamic endpoint: its scheme is known only when a message comes
        }
        String scheme = StringHelper.before(resolved, ":", resolved);
        if (camel.getComponent(scheme, true, false) == null) {
            problems.add(new Problem(file, line(step), "unknown component '" + scheme + "' in " + uri
                    + " (a typo, or its camel-" + scheme + "-starter is missing from pom.xml)"));
        } else if (scheme.equals("kamelet")) {
            kameletParameters.problems(camel, StringHelper.after(resolved, ":"))
                    .forEach(problem -> problems.add(new Problem(file, line(step), problem)));
        } else {
            checkSyntax(camel, file, line(step), uri, scheme, problems);
            try {
                camel.getEndpoint(resolved);   // the component checks the options
            } catch (ResolveEndpointFailedException e) {
                if (String.valueOf(e.getMessage()).contains("Unknown parameter")) {
                    problems.add(new Problem(file, line(step), "wrong endpoint option in " + uri + ": " + rootMessage(e)));
                }
                // anything else needs the running product (a data source, the web server): it shows at start
            } catch (RuntimeException needsTheProduct) {
                // as above
            }
        }
    }

    /**
     * An endpoint written {@code google-sheets://data/append} where the component's own syntax is
     * {@code google-sheets:apiName/methodName}: Camel reads both, but editors that read the component
     * catalog (Kaoto, {@code camel validate}) do not find the path parameters and draw the step as broken.
     */
    private void checkSyntax(CamelContext camel, Path file, int line, String uri, String scheme, List<Problem> problems) {
        if (!uri.startsWith(scheme + "://")) {
            return;
        }
        String syntax;
        try {
            String catalog = ((CatalogCamelContext) camel).getComponentParameterJsonSchema(scheme);
            syntax = catalog == null ? null : json.readTree(catalog).path("component").path("syntax").asText(null);
        } catch (IOException e) {
            return;
        }
        if (syntax != null && !syntax.startsWith(scheme + "://")) {
            String path = StringHelper.before(uri, "?", uri);
            problems.add(new Problem(file, line, "write " + scheme + ":" + path.substring(scheme.length() + 3) + ", not " + path
                    + ": editors such as Kaoto read the component's own syntax, " + syntax));
        }
    }

    /** A bean step or method expression names one of the product's beans (or one the file declares), and a method it has. */
    private void checkBean(CamelContext camel, Path file, ProcessorDefinition<?> step, String ref, String method,
                           List<Problem> problems) {
        if (ref == null || ref.contains("{{") || camel.getRegistry().lookupByName(ref) != null) {
            return;
        }
        Class<?> type = productBeans().get(ref);
        if (type == null) {
            problems.add(new Problem(file, line(step), "no bean named '" + ref + "' (a typo, or a bean the file does not declare)"));
        } else if (method != null && !method.contains("{{")) {
            String name = method.replaceFirst("\\(.*", "").trim();
            if (Arrays.stream(type.getMethods()).noneMatch(m -> m.getName().equals(name))) {
                problems.add(new Problem(file, line(step), "bean '" + ref + "' has no method '" + name + "'"));
            }
        }
    }

    /** The product's own beans by name: the components of org.esignonbridge that routes call. */
    private Map<String, Class<?>> productBeans() {
        if (productBeans == null) {
            productBeans = new HashMap<>();
            AnnotationTypeFilter components = new AnnotationTypeFilter(Component.class);
            ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
                @Override
                protected boolean isCandidateComponent(MetadataReader reader) throws IOException {
                    // whatever its @Conditional says: a route may call a bean of one setting only (s3Store), behind a precondition
                    return components.match(reader, getMetadataReaderFactory());
                }
            };
            for (var candidate : scanner.findCandidateComponents("org.esignonbridge")) {
                try {
                    Class<?> type = Class.forName(candidate.getBeanClassName(), false, RouteFileValidator.class.getClassLoader());
                    Component component = type.getAnnotation(Component.class);
                    productBeans.put(component != null && !component.value().isEmpty() ? component.value()
                            : Introspector.decapitalize(type.getSimpleName()), type);
                } catch (ClassNotFoundException | LinkageError e) {
                    // not loadable here: not a bean routes can call
                }
            }
        }
        return productBeans;
    }

    /** Two routes with one id: Camel would refuse to start, or the second would replace the first. */
    private void checkRouteId(Path file, RouteDefinition route, List<Problem> problems) {
        Path first = route.getId() == null ? null : routeIds.putIfAbsent(route.getId(), file);
        if (first != null) {
            problems.add(new Problem(file, line(route), "route id '" + route.getId() + "' is already used"
                    + (first.equals(file) ? " in this file" : " in " + first) + ": every route needs its own id"));
        }
    }

    /** A Simple expression or log message that does not compile fails when its route is created: compile it now. */
    private static void checkSimple(CamelContext camel, Path file, ProcessorDefinition<?> step, List<Problem> problems) {
        String text = null;
        if (step instanceof LogDefinition log) {
            text = log.getMessage();
        } else if (step instanceof ExpressionNode node && node.getExpression() != null
                && "simple".equals(node.getExpression().getLanguage())) {
            text = node.getExpression().getExpression();
        }
        if (text == null) {
            return;
        }
        try {
            camel.resolveLanguage("simple").createExpression(camel.resolvePropertyPlaceholders(text));
        } catch (RuntimeException e) {
            problems.add(new Problem(file, line(step), "Simple expression does not compile: " + rootMessage(e)));
        }
    }

    /** The line of what a schema message points at: the property it names when that is a plain value on its key's line, else the node. */
    private static int lineOf(ValidationMessage message) {
        JsonNode node = message.getInstanceNode();
        if (message.getProperty() != null && node.path(message.getProperty()).isValueNode()) {
            node = node.get(message.getProperty());
        }
        return node instanceof JsonLocationAware located ? located.tokenLocation().getLineNr() : 0;
    }

    private static int line(LineNumberAware node) {
        return Math.max(node.getLineNumber(), 0);
    }

    /** The line an exception's message names ("line 8, column 11"), or 0. */
    private static int lineIn(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            Matcher line = LINE.matcher(String.valueOf(cause.getMessage()));
            if (line.find()) {
                return Integer.parseInt(line.group(1));
            }
        }
        return 0;
    }

    /** The first line of what the innermost cause says. */
    static String rootMessage(Throwable error) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(error);
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** The file itself, or a folder's *.yaml files in name order. */
    private static List<Path> routeFiles(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return List.of(target);
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /**
     * {@code validate-routes [folder or file ...]}: checks {@code routes/} (or what is named) with the
     * settings of the jar's application.yaml and {@code ./application.yaml}. Exit code 0 when every file is fine, 1 otherwise.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        RouteFileValidator validator = new RouteFileValidator(settingsFrom(Path.of("application.yaml")), true);
        List<Path> files = new ArrayList<>();
        for (String target : args.length == 0 ? new String[] {"routes"} : args) {
            files.addAll(routeFiles(Path.of(target)));
        }
        List<Problem> problems = files.stream().flatMap(file -> validator.validate(file).stream()).toList();
        problems.forEach(err::println);
        out.println(files.size() + " route files checked: " + (problems.isEmpty() ? "no problems" : problems.size() + " problem(s)"));
        return problems.isEmpty() ? 0 : 1;
    }

    private static final class StandInHttpConsumer extends DefaultConsumer implements PlatformHttpConsumer {
        StandInHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        @Override
        public PlatformHttpEndpoint getEndpoint() {
            return (PlatformHttpEndpoint) super.getEndpoint();
        }
    }
}
