package org.esignonbridge.routes;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kamelet.Kamelet;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.URISupport;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * The parameters of a {@code kamelet:NAME?param=value} endpoint (the YAML DSL puts a
 * {@code parameters:} map in the query), validated against the Kamelet's {@code spec.definition} as
 * the JSON Schema it is: required ones given (unless defaulted or set as
 * {@code camel.kamelet.NAME.PARAM}, as Camel fills them in), each in its {@code enum}, matching its
 * {@code pattern}, of its {@code type}, and none the Kamelet does not declare. Camel finds these
 * mistakes only when it creates the route, and then stops the start.
 */
final class KameletParameters {

    /** A Kamelet's {@code spec.definition}, and the same as a schema that allows no parameter it does not declare. */
    private record Definition(JsonNode definition, JsonSchema closed) {
    }

    /** A parameter is text in the endpoint's URI: {@code "5"} is an integer there. */
    private static final SchemaValidatorsConfig TYPE_LOOSE = SchemaValidatorsConfig.builder().typeLoose(true).build();

    private final Function<String, String> settings;
    /** By name, read once; empty when there is no such Kamelet. */
    private final Map<String, Optional<Definition>> kamelets = new HashMap<>();

    /** @param settings the product's settings: {@code camel.component.kamelet.location}, {@code camel.kamelet.NAME.PARAM} */
    KameletParameters(Function<String, String> settings) {
        this.settings = settings;
    }

    /** What is wrong with the parameters of {@code kamelet:} + {@code remainder} (placeholders resolved), for staff. */
    List<String> problems(CamelContext camel, String remainder) {
        String name = StringHelper.before(remainder, "?", remainder).replaceFirst("/.*", "");
        if (name.equals("source") || name.equals("subscriber")) {
            return List.of();   // inside a Kamelet's own template
        }
        Definition kamelet = kamelet(name).orElse(null);
        if (kamelet == null) {
            return List.of("no Kamelet named '" + name + "' (a typo, or its " + name + ".kamelet.yaml is not in " + location() + ")");
        }
        Map<String, Object> query;
        try {
            query = URISupport.parseQuery(StringHelper.after(remainder, "?", ""), true);
        } catch (URISyntaxException e) {
            return List.of("Kamelet '" + name + "': " + e.getMessage());
        }
        JsonNode properties = kamelet.definition().path("properties");
        // the YAML DSL turns the keys of a parameters: map to camelCase; Camel matches either spelling
        Map<String, String> declared = new LinkedHashMap<>();
        properties.fieldNames().forEachRemaining(parameter -> declared.put(StringHelper.dashToCamelCase(parameter), parameter));
        Set<String> endpointOptions = camel.getCamelContextExtension().getEndpointUriFactory("kamelet").propertyNames();
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        query.forEach((key, value) -> {
            String parameter = declared.get(StringHelper.dashToCamelCase(key));
            if (parameter != null || !endpointOptions.contains(StringHelper.dashToCamelCase(key))) {
                parameters.put(parameter != null ? parameter : key, String.valueOf(value));
            }
        });
        for (JsonNode required : kamelet.definition().path("required")) {
            String setting = settings.apply("camel.kamelet." + name + "." + required.asText());
            JsonNode fallback = setting != null ? TextNode.valueOf(setting) : properties.path(required.asText()).get("default");
            if (!parameters.has(required.asText()) && fallback != null) {
                parameters.set(required.asText(), fallback);
            }
        }
        return kamelet.closed().validate(parameters).stream().map(message -> "Kamelet '" + name + "' " + switch (message.getType()) {
            case "required" -> "needs parameter '" + message.getProperty() + "'";
            case "additionalProperties" -> "has no parameter '" + message.getProperty() + "' (it has: " + String.join(", ", declared.values()) + ")";
            default -> "parameter '" + message.getInstanceLocation().getName(0) + "' is '" + message.getInstanceNode().asText() + "': "
                    + message.getError();
        }).toList();
    }

    /** The Kamelet's YAML where Camel's kamelet component looks for it (camel.component.kamelet.location). */
    private Optional<Definition> kamelet(String name) {
        return kamelets.computeIfAbsent(name, key -> {
            DefaultResourceLoader loader = new DefaultResourceLoader(KameletParameters.class.getClassLoader());
            for (String location : location().split(",")) {
                Resource resource = loader.getResource(location.trim().replaceFirst("/$", "") + "/" + key + ".kamelet.yaml");
                if (resource.exists()) {
                    try (InputStream in = resource.getInputStream()) {
                        JsonNode definition = RouteFileValidator.YAML.readTree(in, InputFormat.YAML).at("/spec/definition");
                        ObjectNode closed = ((ObjectNode) definition.deepCopy()).put("additionalProperties", false);
                        return Optional.of(new Definition(definition, RouteFileValidator.SCHEMAS.getSchema(closed, TYPE_LOOSE)));
                    } catch (IOException | RuntimeException unreadable) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        });
    }

    private String location() {
        String location = settings.apply("camel.component.kamelet.location");
        return location == null ? Kamelet.DEFAULT_LOCATION : location;
    }
}
