package org.esignonbridge.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes docs/settings.md from the configuration metadata that spring-boot-configuration-processor
 * derives from the settings' records (their {@code @DefaultValue}s and the javadoc of their
 * {@code @param}s), with each group introduced by its record's javadoc. {@link SettingsReferenceTest}
 * fails when the file differs from what this writes.
 */
final class SettingsReference {

    static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    static final Path DOCUMENT = Path.of("docs/settings.md");
    static final String REWRITE = "mvn -q test -Dtest=SettingsReferenceTest -Dsettings.write=true";

    private static final Path SOURCES = Path.of("src/main/java");

    private SettingsReference() {
    }

    static String markdown() throws IOException {
        JsonNode metadata = new ObjectMapper().readTree(METADATA.toFile());
        List<JsonNode> groups = new ArrayList<>();
        metadata.get("groups").forEach(groups::add);
        groups.sort(Comparator.comparing(group -> group.get("name").asText()));
        List<JsonNode> properties = new ArrayList<>();
        metadata.get("properties").forEach(properties::add);

        StringBuilder out = new StringBuilder("""
                # Settings reference

                <!-- Generated from the settings' Java records by SettingsReferenceTest: do not edit here. Edit the
                     javadoc or @DefaultValue of the record, then run: %s -->

                Every `esignon.*` setting, with its default. Set one in `application.yaml`, as an environment variable
                (`esignon.sheets.enabled` is `ESIGNON_SHEETS_ENABLED`) or as `--esignon.sheets.enabled=true`; an unset
                setting has the default shown here. **Secret.** marks a value to keep out of files you share: give it
                through the environment. Durations are written `500ms`, `30s`, `5m`, `1h`, `7d`; sizes `512KB`, `10MB`;
                a list either comma-separated (`CF,RT`) or as a YAML list.

                The defaults live in the records (`@ConfigurationProperties` classes under `src/main/java`), and only
                there: the route files and the `esignon-events` Kamelet read the same values through
                `{{esignon.…}}` placeholders.
                """.formatted(REWRITE));
        for (JsonNode group : groups) {
            String name = group.get("name").asText();
            List<JsonNode> own = properties.stream().filter(property -> name.equals(groupOf(property, groups))).toList();
            if (own.isEmpty()) {
                continue;
            }
            out.append("\n## ").append(name.equals("esignon") ? "`esignon.public-base-url`" : "`" + name + ".*`").append("\n\n");
            String intro = classJavadoc(group.get("type").asText());
            if (!intro.isEmpty()) {
                out.append(intro).append("\n\n");
            }
            out.append("| Setting | Type | Default | Description |\n|---|---|---|---|\n");
            for (JsonNode property : own) {
                out.append("| `").append(property.get("name").asText()).append("` | ")
                        .append(type(property.get("type").asText())).append(" | ")
                        .append(defaultValue(property.get("defaultValue"))).append(" | ")
                        .append(markdown(property.path("description").asText()).replace("|", "\\|")).append(" |\n");
            }
        }
        return out.toString();
    }

    /** The longest group name the property's name starts with. */
    private static String groupOf(JsonNode property, List<JsonNode> groups) {
        String name = property.get("name").asText();
        return groups.stream().map(group -> group.get("name").asText())
                .filter(group -> name.startsWith(group + "."))
                .max(Comparator.comparingInt(String::length)).orElse("");
    }

    private static String type(String javaType) {
        return switch (javaType) {
            case "java.lang.String" -> "text";
            case "java.lang.Boolean" -> "`true` or `false`";
            case "java.lang.Integer" -> "whole number";
            case "java.lang.Double" -> "number";
            case "java.time.Duration" -> "duration";
            case "java.time.Period" -> "ISO-8601 period";
            case "org.springframework.util.unit.DataSize" -> "size";
            case "java.nio.file.Path" -> "path";
            case "java.net.URI" -> "URL";
            case "java.util.List<java.lang.String>" -> "list";
            default -> javaType.startsWith("java.util.List<") ? "list of entries" : constants(javaType);
        };
    }

    /** An enum's constants, as the setting takes them. */
    private static String constants(String javaType) {
        try {
            Class<?> type = Class.forName(javaType);
            if (type.isEnum()) {
                return Arrays.stream(type.getEnumConstants()).map(constant -> "`" + constant + "`")
                        .collect(Collectors.joining(" or "));
            }
        } catch (ClassNotFoundException e) {
            // a type of a library: named as it is
        }
        return "`" + javaType + "`";
    }

    private static String defaultValue(JsonNode value) {
        if (value == null || value.isNull()) {
            return "none";
        }
        if (value.isArray()) {
            List<String> deliveries = new ArrayList<>();
            value.forEach(delivery -> deliveries.add(delivery.asText()));
            return deliveries.isEmpty() ? "empty" : "`" + String.join(",", deliveries) + "`";
        }
        String text = value.asText();
        if (text.startsWith("[") && text.endsWith("]")) {   // a list's @DefaultValue, as the processor writes it
            text = text.substring(1, text.length() - 1).replace(", ", ",");
        }
        return text.isEmpty() ? "empty" : "`" + text + "`";
    }

    /** The first paragraph of the javadoc of a record (a nested one's, for {@code Outer$Inner}). */
    private static String classJavadoc(String type) throws IOException {
        String[] names = type.split("\\$");
        Path source = SOURCES.resolve(names[0].replace('.', '/') + ".java");
        if (!Files.exists(source)) {
            return "";
        }
        String declaration = names.length == 1 ? "class|record|interface" : "record|class";
        String simple = names[names.length - 1].contains(".") ? names[names.length - 1].substring(names[names.length - 1].lastIndexOf('.') + 1)
                : names[names.length - 1];
        Matcher matcher = Pattern.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*public (?:static )?(?:final )?(?:"
                + declaration + ") " + simple + "\\b", Pattern.DOTALL).matcher(Files.readString(source));
        if (!matcher.find()) {
            return "";
        }
        String text = matcher.group(1).replaceAll("(?m)^\\s*\\* ?", "");
        text = text.split("(?m)^\\s*@param|<p>")[0];
        return markdown(text);
    }

    /** Javadoc text as Markdown on one line: {@code x} as `x`, <b>x</b> as **x**. */
    static String markdown(String javadoc) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < javadoc.length()) {
            if (javadoc.startsWith("{@code ", i) || javadoc.startsWith("{@link ", i) || javadoc.startsWith("{@value ", i)) {
                int start = javadoc.indexOf(' ', i) + 1;
                int depth = 1;
                int end = start;
                while (end < javadoc.length() && depth > 0) {
                    char c = javadoc.charAt(end);
                    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                    end++;
                }
                String inner = javadoc.substring(start, end - 1).trim();
                out.append(javadoc.startsWith("{@link ", i) ? inner.replace('#', '.') : "`" + inner + "`");
                i = end;
            } else {
                out.append(javadoc.charAt(i));
                i++;
            }
        }
        return out.toString().replace("<b>", "**").replace("</b>", "**").replaceAll("\\s+", " ").trim();
    }
}
