package org.esignonbridge.config;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.esignonbridge.config.ExportApiInfoProperties.Field;
import org.esignonbridge.config.ExportApiInfoProperties.PublicAddress;
import org.esignonbridge.config.ExportApiInfoProperties.RequestParam;
import org.esignonbridge.receive.ExportParser;
import org.esignonbridge.receive.ExportProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * {@code java -jar esignon-export-bridge.jar export-api-info [--name=value ...]}: prints the
 * {@code export_api_info} block a company passes to eSignon when it starts a contract, so that eSignon
 * posts its exports to this installation with the right secret.
 *
 * <p>The settings are read exactly as the product reads them ({@code ./application.yaml}, environment
 * variables, {@code --name=value} arguments), in a context that holds nothing but them: no web server,
 * no Camel, no database. The block, secret included, goes to standard output and nowhere else; problems
 * and warnings go to standard error. Exit codes: {@value #OK} printed, {@value #CONFIGURATION_ERROR} a
 * setting is missing or wrong (nothing printed), {@value #FAILED} anything else.
 */
public final class ExportApiInfoCommand {

    /** The first program argument that runs this command instead of the product. */
    public static final String NAME = "export-api-info";

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int CONFIGURATION_ERROR = 2;

    private static final Set<String> PLAIN_HTTP_HOSTS = Set.of("localhost", "127.0.0.1");

    /**
     * Logging goes to standard output, where the block goes: keep it for real trouble, and silence the
     * three loggers that report a failed startup, which {@link #run} reports on standard error instead.
     */
    private static final Map<String, Object> QUIET = Map.of(
            "logging.level.root", "WARN",
            "logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext", "OFF",
            "logging.level.org.springframework.boot.SpringApplication", "OFF",
            "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "OFF",
            "esignon.routes.guard", "false");   // no routes are loaded here, so none need checking

    /** Two-space indents, {@code "key": value}; non-ASCII escaped so that no console encoding can garble it. */
    private static final ObjectWriter JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build()
            .writer(new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator("")));

    /** The whole Spring context of the command: the bound settings, nothing else (no auto-configuration). */
    @EnableConfigurationProperties({ExportProperties.class, ExportApiInfoProperties.class, PublicAddress.class})
    static class Settings {
    }

    private final ExportProperties export;
    private final ExportApiInfoProperties info;
    private final String publicBaseUrl;

    ExportApiInfoCommand(ExportProperties export, ExportApiInfoProperties info, PublicAddress address) {
        this.export = export;
        this.info = info;
        this.publicBaseUrl = address.publicBaseUrl();
    }

    /**
     * Reads the settings like the product does, plus {@code args} ({@code --name=value}, the arguments
     * after the command name), writes the block to {@code out} or the problems to {@code err}, and
     * returns the exit code.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                err.println(NAME + ": unexpected argument '" + arg + "'. Give settings as --name=value after "
                        + NAME + " (or as -Dname=value before -jar).");
                return CONFIGURATION_ERROR;
            }
        }
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(Settings.class)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .properties(QUIET)
                    .run(args);
        } catch (RuntimeException e) {
            err.println(NAME + ": " + describeStartupFailure(e));
            return hasCause(e, BindException.class) ? CONFIGURATION_ERROR : FAILED;
        }
        int code;
        try {
            code = new ExportApiInfoCommand(context.getBean(ExportProperties.class),
                    context.getBean(ExportApiInfoProperties.class), context.getBean(PublicAddress.class))
                    .print(out, err);
        } catch (RuntimeException e) {
            err.println(NAME + ": failed: " + e);
            code = FAILED;
        }
        int exitCode = code;
        return SpringApplication.exit(context, () -> exitCode);
    }

    /** Writes the block to {@code out} and warnings to {@code err}; or only the problems to {@code err}. */
    int print(PrintStream out, PrintStream err) {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            problems.forEach(problem -> err.println(NAME + ": " + problem));
            err.println(NAME + ": nothing printed; fix the settings above (application.yaml, environment or --name=value).");
            return CONFIGURATION_ERROR;
        }
        try {
            out.print(JSON.writeValueAsString(block()) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the block", e);
        }
        out.flush();
        warnings().forEach(warning -> err.println(NAME + ": warning: " + warning));
        return OK;
    }

    /** {@code {"export_api_info": {...}}}, keys in eSignon's order, empty optional values left out. */
    ObjectNode block() {
        ObjectNode exportApiInfo = JsonNodeFactory.instance.objectNode();
        exportApiInfo.put("api_type", export.apiType().name());
        exportApiInfo.put("url", baseUrlWithoutTrailingSlash() + export.path());
        exportApiInfo.put("authorization", export.authorization());
        putIfNotEmpty(exportApiInfo, "link_type", info.linkType());
        putIfNotEmpty(exportApiInfo, "request_code", info.requestCode());
        putIfNotEmpty(exportApiInfo, "clientid", info.clientid());
        ArrayNode requestParams = exportApiInfo.putArray("request_params");
        for (RequestParam param : info.requestParams()) {
            ObjectNode entry = requestParams.addObject();
            entry.put("param_id", param.paramId());
            entry.put("param_value", param.paramValue());
            ArrayNode fields = entry.putArray("fields");
            for (Field field : param.fields()) {
                fields.addObject().put("doc_id", field.docId()).put("field_name", field.fieldName());
            }
        }
        ObjectNode block = JsonNodeFactory.instance.objectNode();
        block.set("export_api_info", exportApiInfo);
        return block;
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        String baseUrlProblem = publicBaseUrlProblem(publicBaseUrl);
        if (baseUrlProblem != null) {
            problems.add(baseUrlProblem);
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<RequestParam> params = info.requestParams();
        for (int i = 0; i < params.size(); i++) {
            RequestParam param = params.get(i);
            String name = "esignon.export-api-info.request-params[" + i + "]";
            String id = param.paramId();
            if (id.isBlank()) {
                problems.add(name + ".param-id is empty: it is the key the value has in every export.");
            } else if (id.length() > ExportParser.PARAM_ID_MAX) {
                problems.add(name + ".param-id is longer than " + ExportParser.PARAM_ID_MAX
                        + " characters: the product would refuse every export carrying it.");
            } else if (ExportParser.DOCUMENTED_FIELDS.contains(id)) {
                problems.add(name + ".param-id is '" + id + "', a field eSignon already sends in every export; "
                        + "choose another name.");
            } else if (seen.containsKey(id)) {
                problems.add(name + ".param-id '" + id + "' is already request-params[" + seen.get(id) + "].");
            } else {
                seen.put(id, i);
            }
            List<Field> fields = param.fields();
            for (int j = 0; j < fields.size(); j++) {
                if (fields.get(j).docId().isBlank()) {
                    problems.add(name + ".fields[" + j + "].doc-id is empty: give the eSignon form id.");
                }
                if (fields.get(j).fieldName().isBlank()) {
                    problems.add(name + ".fields[" + j + "].field-name is empty: give the field's name in the form.");
                }
            }
        }
        return problems;
    }

    private List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (export.usesExampleAuthorization()) {
            warnings.add("esignon.export.authorization is still the example secret shipped in application.yaml: "
                    + "anyone who read it can post exports. Set ESIGNON_EXPORT_AUTHORIZATION to a long random value, "
                    + "restart the product and print this block again before giving it to eSignon.");
        }
        Set<String> sent = new HashSet<>();
        info.requestParams().forEach(param -> sent.add(param.paramId()));
        for (String declared : export.params()) {
            if (!declared.isBlank() && !sent.contains(declared)) {
                warnings.add("esignon.export.params lists '" + declared + "' but no esignon.export-api-info"
                        + ".request-params entry has that param-id: eSignon will not send it.");
            }
        }
        return warnings;
    }

    /** Null when {@code value} is an address eSignon may be given, else what is wrong with it. */
    static String publicBaseUrlProblem(String value) {
        if (value == null || value.isBlank()) {
            return "esignon.public-base-url is not set. Set it (application.yaml, ESIGNON_PUBLIC_BASE_URL or "
                    + "--esignon.public-base-url=...) to the https address at which eSignon reaches this product, "
                    + "e.g. https://bridge.example.com";
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            return "esignon.public-base-url is not a URL (" + e.getMessage() + ").";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            return "esignon.public-base-url must be an absolute https URL such as https://bridge.example.com, not '"
                    + value + "'.";
        }
        if (scheme.equals("http") && !PLAIN_HTTP_HOSTS.contains(host)) {
            return "esignon.public-base-url must use https: over http eSignon would send the authorization secret "
                    + "and the contract data unencrypted to '" + value + "'. http is accepted only for localhost "
                    + "and 127.0.0.1.";
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "esignon.public-base-url must be a plain address (no user@, ?query or #fragment), not '"
                    + value + "'.";
        }
        return null;
    }

    private String baseUrlWithoutTrailingSlash() {
        return publicBaseUrl.strip().replaceAll("/+$", "");
    }

    private static void putIfNotEmpty(ObjectNode node, String key, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(key, value);
        }
    }

    /** The setting at fault and why, without the rejected value (it may be the secret). */
    private static String describeStartupFailure(Throwable failure) {
        BindException unreadable = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindValidationException invalid) {
                String prefix = invalid.getValidationErrors().getName().toString();
                List<String> messages = new ArrayList<>();
                for (ObjectError error : invalid.getValidationErrors()) {
                    String name = error instanceof FieldError field ? prefix + "." + dashed(field.getField()) : prefix;
                    messages.add(name + " " + error.getDefaultMessage());
                }
                return String.join("; ", messages);
            }
            if (unreadable == null && cause instanceof BindException bind) {
                unreadable = bind;
            }
        }
        if (unreadable != null) {
            String name = (unreadable.getProperty() != null ? unreadable.getProperty().getName() : unreadable.getName()).toString();
            return "cannot read " + name + ": " + NestedExceptionUtils.getMostSpecificCause(unreadable).getMessage();
        }
        return "cannot read the settings: " + NestedExceptionUtils.getMostSpecificCause(failure).getMessage();
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String dashed(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
