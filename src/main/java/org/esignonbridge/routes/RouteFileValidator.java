package org.esignonbridge.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.component.kamelet.Kamelet;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.language.MethodCallExpression;
import org.apache.camel.spi.PropertiesSource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.URISupport;
import org.esignonbridge.config.BoundSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.objenesis.ObjenesisStd;
import org.springframework.stereotype.Component;

/**
 * Checks route files before they are deployed: each file must be YAML that the Camel YAML DSL JSON
 * schema (shipped in camel-yaml-dsl) accepts, must load into a Camel context (without starting
 * anything), and may only use placeholders that {@code application.yaml} sets, components that
 * are on the class path and Kamelets with the parameters they declare. With {@code createRoutes}
 * (validate-routes) the routes are also created. Every mistake is reported as {@code file:line: message}.
 */
public final class RouteFileValidator {

    /** One mistake, where a person finds it. */
    public record Problem(Path file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    /** Route ids of the files checked so far, and where: ids are unique across all route files. */
    private final Map<String, Path> routeIds = new HashMap<>();
    private Map<String, Class<?>> productBeans;
    /** Kamelet YAML by name, read once; empty when there is no such Kamelet. */
    private final Map<String, Optional<JsonNode>> kamelets = new HashMap<>();
    private Set<String> kameletOptions;
    private final JsonSchema schema;
    private final Function<String, String> settings;
    private final boolean createRoutes;

    /** @param settings resolves the placeholders of route files ({@code {{name}}}); null when not set */
    public RouteFileValidator(Function<String, String> settings) {
        this(settings, false);
    }

    /**
     * @param createRoutes also create each file's routes (not started), for {@code validate-routes}; at
     *                     start the product creates them itself, and a check there must stay light
     */
    public RouteFileValidator(Function<String, String> settings, boolean createRoutes) {
        this.settings = settings;
        this.createRoutes = createRoutes;
        try (InputStream in = RouteFileValidator.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
            if (in == null) {
                throw new IllegalStateException("schema/camelYamlDsl.json is not on the class path (camel-yaml-dsl)");
            }
            // The Camel YAML DSL schema is large and every step refers to the others: loading all its
            // $refs up front took the heap to ~260 MiB at start. Loaded lazily, a check touches only
            // the definitions a file uses.
            SchemaValidatorsConfig lazy = SchemaValidatorsConfig.builder().preloadJsonSchema(false).cacheRefs(false).build();
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in, lazy);
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
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of(new Problem(file, 0, "cannot be read: " + e.getMessage()));
        }
        Node document;
        Object content;
        try {
            LoadSettings load = LoadSettings.builder().setLabel(file.toString()).build();
            document = compose(load, text);
            content = new Load(load).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(mark -> mark.getLine() + 1).orElse(0);
            return List.of(new Problem(file, line, "not valid YAML: " + e.getProblem()));
        }
        List<Problem> problems = new ArrayList<>();
        // a node that matches none of a oneOf's choices yields one message per choice: keep the telling one
        Map<String, String> byLocation = new LinkedHashMap<>();
        for (ValidationMessage message : schema.validate(json.valueToTree(content))) {
            String location = message.getInstanceLocation().toString();
            String said = message.getMessage();
            String kept = byLocation.get(location);
            if (kept == null || (!kept.contains("is not defined") && said.contains("is not defined"))) {
                byLocation.put(location, said);
            }
        }
        byLocation.forEach((location, said) -> problems.add(
                new Problem(file, lineOf(document, location), "not Camel YAML DSL: " + said)));
        if (problems.isEmpty()) {
            problems.addAll(load(file));
        }
        return problems;
    }

    /** Every *.yaml file in the folder, in name order. */
    public List<Problem> validateFolder(Path folder) throws IOException {
        List<Problem> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                problems.addAll(validate(file));
            }
        }
        return problems;
    }

    /** Loads the file's routes into a context that is never started, and checks their endpoints. */
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
                problems.add(new Problem(file, lineIn(e), "cannot be loaded: " + rootMessage(e)));
                return problems;
            }
            for (RouteDefinition route : ((ModelCamelContext) camel).getRouteDefinitions()) {
                checkRouteId(file, route, problems);
                checkEndpoint(camel, file, route.getInput(), problems);
                for (ProcessorDefinition<?> step : allSteps(route.getOutputs())) {
                    if (step instanceof SendDefinition<?> send) {
                        checkEndpoint(camel, file, send, send.getEndpointUri(), problems);
                    } else if (step instanceof ToDynamicDefinition dynamic) {
                        checkEndpoint(camel, file, dynamic, dynamic.getUri(), problems);
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
     * (a Kamelet's own template, a method expression naming no method, ...) is reported too.
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
            java.util.regex.Matcher step = Pattern.compile(">>> (.*?) <<<").matcher(String.valueOf(e.getMessage()));
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

    private void checkEndpoint(CamelContext camel, Path file, FromDefinition from, List<Problem> problems) {
        if (from != null) {
            checkEndpoint(camel, file, from, from.getEndpointUri(), problems);
        }
    }

    private void checkEndpoint(CamelContext camel, Path file, OptionalIdentifiedDefinition<?> step, String uri,
                               List<Problem> problems) {
        if (uri == null) {
            return;
        }
        int line = step.getLineNumber() > 0 ? step.getLineNumber() : 0;
        String resolved;
        try {
            resolved = camel.resolvePropertyPlaceholders(uri);
        } catch (Exception e) {
            problems.add(new Problem(file, line, rootMessage(e) + " (set it in application.yaml)"));
            return;
        }
        if (resolved.contains("${")) {
            return; // a dynamic endpoint: its scheme is known only when a message comes
        }
        int colon = resolved.indexOf(':');
        String scheme = colon > 0 ? resolved.substring(0, colon) : resolved;
        if (camel.getComponent(scheme, true, false) == null) {
            problems.add(new Problem(file, line, "unknown component '" + scheme + "' in " + uri
                    + " (a typo, or its camel-" + scheme + "-starter is missing from pom.xml)"));
            return;
        }
        if (scheme.equals("kamelet")) {
            checkKamelet(file, line, resolved.substring(colon + 1), problems);
            return;
        }
        checkSyntax(camel, file, line, uri, scheme, problems);
        try {
            camel.getEndpoint(resolved);   // creating the endpoint checks its options
        } catch (ResolveEndpointFailedException e) {
            if (String.valueOf(e.getMessage()).contains("Unknown parameter")) {
                problems.add(new Problem(file, line, "wrong endpoint option in " + uri + ": " + rootMessage(e)));
            }
            // anything else needs the running product (a data source, the web server): it shows at start
        } catch (RuntimeException needsTheProduct) {
            // as above
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
        String syntax = componentSyntax(camel, scheme);
        if (syntax != null && !syntax.startsWith(scheme + "://")) {
            problems.add(new Problem(file, line, "write " + scheme + ":" + uri.substring(scheme.length() + 3).replaceFirst("\\?.*", "")
                    + ", not " + uri.replaceFirst("\\?.*", "") + ": editors such as Kaoto read the component's own syntax, "
                    + syntax));
        }
    }

    /** The endpoint syntax in the component's catalog entry ({@code google-sheets:apiName/methodName}), or null. */
    private String componentSyntax(CamelContext camel, String scheme) {
        Object component = camel.getComponent(scheme, false, false);
        if (component == null) {
            return null;
        }
        String entry = "/META-INF/" + component.getClass().getPackageName().replace('.', '/') + "/" + scheme + ".json";
        try (InputStream in = component.getClass().getResourceAsStream(entry)) {
            return in == null ? null : json.readTree(in).path("component").path("syntax").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A {@code kamelet:NAME?param=value} endpoint (the YAML DSL puts a {@code parameters:} map in the
     * query too) names a Kamelet that exists, and its parameters are the ones the Kamelet's
     * {@code spec.definition} declares: each required one given, each value in the property's
     * {@code enum}, matching its {@code pattern}, of its {@code type}. Camel finds these mistakes only
     * when it creates the route, and then stops the start.
     */
    private void checkKamelet(Path file, int line, String remainder, List<Problem> problems) {
        int question = remainder.indexOf('?');
        String name = (question < 0 ? remainder : remainder.substring(0, question)).replaceFirst("/.*", "");
        if (name.equals("source") || name.equals("sink")) {
            return;   // inside a Kamelet's own template
        }
        JsonNode definition = kamelet(name).map(kamelet -> kamelet.at("/spec/definition")).orElse(null);
        if (definition == null) {
            problems.add(new Problem(file, line, "no Kamelet named '" + name + "' (a typo, or its "
                    + name + ".kamelet.yaml is not in " + kameletLocation() + ")"));
            return;
        }
        Map<String, Object> query;
        try {
            query = URISupport.parseQuery(question < 0 ? "" : remainder.substring(question + 1), true);
        } catch (URISyntaxException e) {
            problems.add(new Problem(file, line, "Kamelet '" + name + "': " + e.getMessage()));
            return;
        }
        // the YAML DSL turns the keys of a parameters: map to camelCase; Camel matches either spelling
        Map<String, String> declared = new LinkedHashMap<>();
        definition.path("properties").fieldNames().forEachRemaining(property -> declared.put(StringHelper.dashToCamelCase(property), property));
        Map<String, String> given = new LinkedHashMap<>();
        query.forEach((parameter, value) -> given.put(declared.getOrDefault(StringHelper.dashToCamelCase(parameter), parameter), String.valueOf(value)));
        for (JsonNode required : definition.path("required")) {
            String parameter = required.asText();
            if (!given.containsKey(parameter) && !definition.path("properties").path(parameter).has("default")
                    && settings.apply("camel.kamelet." + name + "." + parameter) == null) {
                problems.add(new Problem(file, line, "Kamelet '" + name + "' needs parameter '" + parameter + "'"));
            }
        }
        given.forEach((parameter, value) -> {
            JsonNode property = definition.path("properties").get(parameter);
            if (property == null) {
                if (!kameletEndpointOptions().contains(StringHelper.dashToCamelCase(parameter))) {
                    problems.add(new Problem(file, line, "Kamelet '" + name + "' has no parameter '" + parameter
                            + "' (it has: " + String.join(", ", declared.values()) + ")"));
                }
                return;
            }
            String wrong = null;
            if (property.has("enum") && StreamSupport.stream(property.get("enum").spliterator(), false)
                    .noneMatch(allowed -> allowed.asText().equals(value))) {
                wrong = "is not one of " + property.get("enum");
            } else if (property.has("pattern") && !Pattern.compile(property.get("pattern").asText()).matcher(value).find()) {
                wrong = "does not match " + property.get("pattern").asText();
            } else if (!ofType(property.path("type").asText(), value)) {
                wrong = "is not of type " + property.get("type").asText();
            }
            if (wrong != null) {
                problems.add(new Problem(file, line, "Kamelet '" + name + "' parameter '" + parameter + "': '" + value + "' " + wrong));
            }
        });
    }

    private static boolean ofType(String type, String value) {
        return switch (type) {
            case "integer" -> value.matches("-?\\d+");
            case "number" -> value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
            case "boolean" -> value.equals("true") || value.equals("false");
            default -> true;
        };
    }

    /** The Kamelet's YAML where Camel's kamelet component looks for it (camel.component.kamelet.location). */
    private Optional<JsonNode> kamelet(String name) {
        return kamelets.computeIfAbsent(name, key -> {
            DefaultResourceLoader loader = new DefaultResourceLoader(RouteFileValidator.class.getClassLoader());
            for (String location : kameletLocation().split(",")) {
                Resource resource = loader.getResource(location.trim().replaceFirst("/$", "") + "/" + key + ".kamelet.yaml");
                if (resource.exists()) {
                    try (InputStream in = resource.getInputStream()) {
                        return Optional.of(json.valueToTree(new Load(LoadSettings.builder().build()).loadFromInputStream(in)));
                    } catch (IOException | RuntimeException unreadable) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        });
    }

    private String kameletLocation() {
        String location = settings.apply("camel.component.kamelet.location");
        return location == null ? Kamelet.DEFAULT_LOCATION : location;
    }

    /** The kamelet endpoint's own options (routeId, timeout, ...), from the component's catalog entry. */
    private Set<String> kameletEndpointOptions() {
        if (kameletOptions == null) {
            Set<String> options = new HashSet<>();
            try (InputStream in = Kamelet.class.getResourceAsStream("/META-INF/org/apache/camel/component/kamelet/kamelet.json")) {
                json.readTree(in).path("properties").fieldNames().forEachRemaining(options::add);
            } catch (IOException | RuntimeException e) {
                // without the catalog entry every undeclared parameter is reported
            }
            kameletOptions = options;
        }
        return kameletOptions;
    }

    /** A bean step or method expression names one of the product's beans (or one the file declares), and a method it has. */
    private void checkBean(CamelContext camel, Path file, ProcessorDefinition<?> step, String ref, String method,
                           List<Problem> problems) {
        if (ref == null || ref.contains("{{") || camel.getRegistry().lookupByName(ref) != null) {
            return;
        }
        int line = step.getLineNumber() > 0 ? step.getLineNumber() : 0;
        Class<?> type = productBeans().get(ref);
        if (type == null) {
            problems.add(new Problem(file, line, "no bean named '" + ref + "' (a typo, or a bean the file does not declare)"));
            return;
        }
        if (method != null && !method.contains("{{")) {
            String name = method.replaceFirst("\\(.*", "").trim();
            if (java.util.Arrays.stream(type.getMethods()).noneMatch(m -> m.getName().equals(name))) {
                problems.add(new Problem(file, line, "bean '" + ref + "' has no method '" + name + "'"));
            }
        }
    }

    /** The product's own beans by name: the components of org.esignonbridge that routes call. */
    private Map<String, Class<?>> productBeans() {
        if (productBeans == null) {
            Map<String, Class<?>> beans = new HashMap<>();
            AnnotationTypeFilter components = new AnnotationTypeFilter(Component.class);
            ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
                @Override
                protected boolean isCandidateComponent(org.springframework.core.type.classreading.MetadataReader reader) throws IOException {
                    // whatever its @Conditional says: a route may call a bean of one setting only (s3Store), behind a precondition
                    return components.match(reader, getMetadataReaderFactory());
                }
            };
            for (var candidate : scanner.findCandidateComponents("org.esignonbridge")) {
                try {
                    Class<?> type = Class.forName(candidate.getBeanClassName(), false, RouteFileValidator.class.getClassLoader());
                    Component component = type.getAnnotation(Component.class);
                    String name = component != null && !component.value().isEmpty() ? component.value()
                            : java.beans.Introspector.decapitalize(type.getSimpleName());
                    beans.put(name, type);
                } catch (ClassNotFoundException | LinkageError e) {
                    // not loadable here: not a bean routes can call
                }
            }
            productBeans = beans;
        }
        return productBeans;
    }

    /** Two routes with one id: Camel would refuse to start, or the second would replace the first. */
    private void checkRouteId(Path file, RouteDefinition route, List<Problem> problems) {
        String id = route.getId();
        if (id == null) {
            return;
        }
        Path first = routeIds.putIfAbsent(id, file);
        if (first != null) {
            problems.add(new Problem(file, route.getLineNumber() > 0 ? route.getLineNumber() : 0,
                    "route id '" + id + "' is already used" + (first.equals(file) ? " in this file" : " in " + first)
                            + ": every route needs its own id"));
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
            problems.add(new Problem(file, step.getLineNumber() > 0 ? step.getLineNumber() : 0,
                    "Simple expression does not compile: " + rootMessage(e)));
        }
    }

    private static List<ProcessorDefinition<?>> allSteps(List<ProcessorDefinition<?>> steps) {
        List<ProcessorDefinition<?>> all = new ArrayList<>();
        for (ProcessorDefinition<?> step : steps) {
            all.add(step);
            all.addAll(allSteps(step.getOutputs()));
        }
        return all;
    }

    private static Node compose(LoadSettings settings, String text) {
        Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
        return composer.getSingleNode().orElse(null);
    }

    /** The line of the node at a JSON path such as {@code $[0].route.from.steps[2].lg} or {@code /0/route/from/steps/2}. */
    static int lineOf(Node root, String path) {
        Node node = root;
        Node found = root;
        // $[0].route.from.steps[2] or, as the lazily loaded schema reports it, /0/route/from/steps/2
        String dotted = path.startsWith("/") ? path.replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.') : path;
        Iterator<String> tokens = List.of(dotted.replaceFirst("^\\$", "").replace("[", ".[").split("\\.")).iterator();
        while (node != null && tokens.hasNext()) {
            String token = tokens.next();
            if (token.isEmpty()) {
                continue;
            }
            Node next = null;
            if (token.startsWith("[") && node instanceof SequenceNode sequence) {
                int index = Integer.parseInt(token.substring(1, token.length() - 1));
                next = index < sequence.getValue().size() ? sequence.getValue().get(index) : null;
            } else if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(token)) {
                        next = tuple.getValueNode();
                        found = tuple.getKeyNode();
                    }
                }
            }
            node = next;
            if (node != null) {
                found = node instanceof ScalarNode ? found : node;
            }
        }
        return Optional.ofNullable(found).flatMap(Node::getStartMark).map(Mark::getLine).map(line -> line + 1).orElse(0);
    }

    private static int lineIn(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
                return marked.getProblemMark().get().getLine() + 1;
            }
            java.util.regex.Matcher line = java.util.regex.Pattern.compile("line (\\d+)").matcher(String.valueOf(cause.getMessage()));
            if (line.find()) {
                return Integer.parseInt(line.group(1));
            }
        }
        return 0;
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /**
     * {@code validate-routes [folder or file ...]}: checks {@code routes/} (or what is named) with the
     * settings of the jar's application.yaml and {@code ./application.yaml}. Exit code 0 when every file is fine, 1 otherwise.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        RouteFileValidator validator = new RouteFileValidator(settingsFrom(Path.of("application.yaml")), true);
        List<Path> targets = args.length == 0 ? List.of(Path.of("routes")) : Stream.of(args).map(Path::of).toList();
        List<Problem> problems = new ArrayList<>();
        int files = 0;
        for (Path target : targets) {
            if (Files.isDirectory(target)) {
                try (Stream<Path> list = Files.list(target)) {
                    files += (int) list.filter(f -> f.toString().endsWith(".yaml")).count();
                }
                problems.addAll(validator.validateFolder(target));
            } else {
                files++;
                problems.addAll(validator.validate(target));
            }
        }
        problems.forEach(err::println);
        out.println(problems.isEmpty() ? files + " route files checked: no problems"
                : files + " route files checked: " + problems.size() + " problem(s)");
        return problems.isEmpty() ? 0 : 1;
    }
}
