package org.esignonbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.util.TimeUtils;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** What a route's {{esignon.*}} placeholder reads: the value the setting's record binds, in text Camel reads. */
class BoundSettingsTest {

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("application.yaml", settings));
        BoundSettings.install(environment);
        return environment;
    }

    @Test
    void anUnsetSettingReadsAsItsRecordsDefault() {
        StandardEnvironment environment = environment(Map.of());

        assertThat(environment.getProperty("esignon.export.worktypes")).isEqualTo("CF,RT");
        assertThat(environment.getProperty("esignon.export.api-type")).isEqualTo("ALL");
        assertThat(environment.getProperty("esignon.delivery.max-attempts")).isEqualTo("10");
        assertThat(environment.getProperty("esignon.routes.directory")).isEqualTo("routes");
        assertThat(environment.getProperty("esignon.archive.s3.bucket")).isEmpty();
    }

    @Test
    void aListWrittenAsAYamlListReadsAsTheListItBinds() {
        // worktypes: [CF] in application.yaml reaches the environment as worktypes[0]
        StandardEnvironment environment = environment(Map.of("esignon.export.worktypes[0]", "CF",
                "esignon.archive.allowed-hosts[0]", "files.example.com", "esignon.archive.allowed-hosts[1]", "*.example.org"));

        assertThat(environment.getProperty("esignon.export.worktypes")).isEqualTo("CF");
        assertThat(environment.getProperty("esignon.archive.allowed-hosts")).isEqualTo("files.example.com,*.example.org");
    }

    @Test
    void valuesSpringAcceptsInOtherFormsReadAsCamelReadsThem() {
        StandardEnvironment environment = environment(Map.of(
                "esignon.export.worktypes", " CF , RT ",
                "esignon.export.api-type", "start-and-end",
                "esignon.archive.store", "s3",
                "esignon.archive.enabled", "on",
                "esignon.spool.retry-interval", "PT0.2S",
                "esignon.retention.interval", "1d",
                "esignon.export.max-body-bytes", "2KB"));

        assertThat(environment.getProperty("esignon.export.worktypes")).isEqualTo("CF,RT");
        assertThat(environment.getProperty("esignon.export.api-type")).isEqualTo("StartAndEnd");
        assertThat(environment.getProperty("esignon.archive.store")).isEqualTo("S3");
        assertThat(environment.getProperty("esignon.archive.enabled")).isEqualTo("true");
        // Camel reads the ISO-8601 form as 0 (a scheduler polling without pause); the bound value it reads right
        assertThat(TimeUtils.toMilliSeconds(environment.getProperty("esignon.spool.retry-interval"))).isEqualTo(200);
        assertThat(TimeUtils.toMilliSeconds(environment.getProperty("esignon.retention.interval"))).isEqualTo(86_400_000);
        assertThat(environment.getProperty("esignon.export.max-body-bytes")).isEqualTo("2048B");
    }

    @Test
    void aValueTheRecordCannotBindIsLeftAsWrittenForTheRecordToReport() {
        StandardEnvironment environment = environment(Map.of("esignon.spool.retry-interval", "soon"));

        assertThat(environment.getProperty("esignon.spool.retry-interval")).isEqualTo("soon");
    }

    @Test
    void everySettingARouteOrTheKameletReadsIsASettingOfARecord() throws IOException {
        TreeSet<String> read = new TreeSet<>();
        Pattern placeholder = Pattern.compile("\\{\\{(esignon\\.[a-z0-9.-]+)");
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path file : Stream.concat(routes, Stream.of(Path.of("src/main/resources/kamelets/esignon-events.kamelet.yaml"))).toList()) {
                Matcher matcher = placeholder.matcher(Files.readString(file));
                while (matcher.find()) {
                    read.add(matcher.group(1));
                }
            }
        }

        assertThat(read).contains("esignon.export.worktypes", "esignon.delivery.max-attempts");
        assertThat(BoundSettings.names()).containsAll(read);
    }
}
