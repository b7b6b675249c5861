package org.esignonbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check staff run before deploying route files, on the shipped files and on typical mistakes. */
class RouteFileValidatorTest {

    private static final Map<String, String> SETTINGS = Map.of(
            "hr.handover.directory", "/tmp/hr", "chat.webhook-host", "chat.example.com", "chat.webhook-path", "/hook",
            "backup.directory", "/tmp/backup");

    private final RouteFileValidator validator = new RouteFileValidator(
            name -> SETTINGS.getOrDefault(name, RouteFileValidator.settingsFrom(Path.of("application.yaml")).apply(name)), true);

    @Test
    void theShippedRouteFilesHaveNoProblem() throws Exception {
        assertThat(validator.validateFolder(Path.of("routes"))).isEmpty();
    }

    @Test
    void theRecipesHaveNoProblem() throws Exception {
        try (var files = Files.list(Path.of("docs/recipes"))) {
            for (Path recipe : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                assertThat(validator.validate(recipe)).as(recipe.toString()).isEmpty();
            }
        }
    }

    @Test
    void anEndpointWrittenInAFormEditorsCannotReadIsReported(@TempDir Path dir) throws Exception {
        Path file = write(dir, "slashes.camel.yaml", """
                - route:
                    id: slashes
                    from:
                      uri: timer:tick
                      steps:
                        - to:
                            uri: google-sheets://data/append
                            parameters:
                              spreadsheetId: abc
                        - to: "http://example.com/hook"
                """);

        List<RouteFileValidator.Problem> problems = validator.validate(file);

        // http's own syntax is http://httpUri: only google-sheets is written in a form Kaoto cannot read
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).toString()).isEqualTo(file + ":6: write google-sheets:data/append, not google-sheets://data/append:"
                + " editors such as Kaoto read the component's own syntax, google-sheets:apiName/methodName");
    }

    @Test
    void aRouteAsKaotoWritesItIsAccepted(@TempDir Path dir) throws Exception {
        // as Kaoto 2.7.1 writes a route made in its UI: ids it generates on every step, description beside them
        Path file = write(dir, "kaoto.camel.yaml", """
                - route:
                    id: route-2696
                    description: Log every rejected contract
                    from:
                      id: from-1997
                      description: Take each rejected contract
                      uri: kamelet:esignon-events
                      parameters:
                        event: contract-rejected
                        subscriber: kaoto-rejections
                      steps:
                        - log:
                            id: log-1494
                            description: Log the rejected contract
                            message: "Rejected in Kaoto: ${body[wfuid]}"
                """);

        assertThat(validator.validate(file)).isEmpty();
    }

    @Test
    void aMisspelledStepIsReportedWithItsLine(@TempDir Path dir) throws Exception {
        Path file = write(dir, "typo.camel.yaml", """
                - route:
                    id: typo
                    from:
                      uri: timer:tick
                      steps:
                        - setBody:
                            constant: hello
                        - lg: "${body}"
                """);

        List<RouteFileValidator.Problem> problems = validator.validate(file);

        assertThat(problems).isNotEmpty();
        assertThat(problems.get(0).line()).isEqualTo(8);
        assertThat(problems.get(0).toString()).startsWith(file + ":8: not Camel YAML DSL").contains("lg");
    }

    @Test
    void brokenYamlIsReportedWithItsLine(@TempDir Path dir) throws Exception {
        Path file = write(dir, "indent.camel.yaml", """
                - route:
                    id: indent
                    from:
                      uri: timer:tick
                     steps:
                        - log: hi
                """);

        List<RouteFileValidator.Problem> problems = validator.validate(file);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).message()).startsWith("not valid YAML");
        assertThat(problems.get(0).line()).isEqualTo(5);
    }

    @Test
    void anUnknownComponentIsReported(@TempDir Path dir) throws Exception {
        Path file = write(dir, "component.camel.yaml", """
                - route:
                    id: component
                    from:
                      uri: timer:tick
                      steps:
                        - to: htps://chat.example.com/hook
                """);

        List<RouteFileValidator.Problem> problems = validator.validate(file);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.message()).contains("unknown component 'htps'");
            assertThat(problem.line()).isEqualTo(6);
        });
    }

    @Test
    void theHandOffsEndpointIsCheckedAsASendStepsIs() {
        RouteFileValidator withATypo = new RouteFileValidator(name -> "esignon.handoff.uri".equals(name)
                ? "jmss:queue:signers" : RouteFileValidator.settingsFrom(Path.of("application.yaml")).apply(name), true);

        assertThat(withATypo.validate(Path.of("routes/handoff.camel.yaml"))).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("unknown component 'jmss'"));
    }

    @Test
    void aPlaceholderApplicationYamlDoesNotSetIsReported(@TempDir Path dir) throws Exception {
        Path file = write(dir, "placeholder.camel.yaml", """
                - route:
                    id: placeholder
                    from:
                      uri: timer:tick
                      steps:
                        - to: "{{sms.gateway-url}}"
                """);

        assertThat(validator.validate(file)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("sms.gateway-url"));
    }

    @Test
    void theCommandExitsNonZeroAndNamesEveryBrokenFile(@TempDir Path dir) throws Exception {
        write(dir, "good.camel.yaml", """
                - route:
                    id: good
                    from:
                      uri: timer:tick
                      steps:
                        - log: fine
                """);
        Path bad = write(dir, "bad.camel.yaml", "- route:\n    id: bad\n    from:\n      uri: timer:tick\n      steps:\n        - lg: x\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = RouteFileValidator.run(new String[] {dir.toString()}, new PrintStream(out), new PrintStream(err));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(bad + ":6:").doesNotContain("good.camel.yaml");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 route files checked: 1 problem(s)");
        assertThat(RouteFileValidator.run(new String[] {"routes"}, new PrintStream(out), new PrintStream(err))).isZero();
    }

    @Test
    void aSimpleExpressionThatDoesNotCompileIsReported(@TempDir Path dir) throws Exception {
        Path file = write(dir, "typo-in-expression.camel.yaml", """
                - route:
                    id: typo-in-expression
                    from:
                      uri: timer:tick
                      steps:
                        - log: "${body[nosuch}"
                """);

        assertThat(validator.validate(file)).singleElement().asString()
                .startsWith(file + ":6: Simple expression does not compile");
    }

    @Test
    void aMistakeInACatchOrFinallyBlockIsReported(@TempDir Path dir) throws Exception {
        Path file = write(dir, "in-catch.camel.yaml", """
                - route:
                    id: in-catch
                    from:
                      uri: timer:tick
                      steps:
                        - doTry:
                            steps:
                              - log: tick
                            doCatch:
                              - exception:
                                  - java.lang.Exception
                                steps:
                                  - log: "${body[nosuch}"
                            doFinally:
                              steps:
                                - to: htps://chat.example.com/hook
                """);

        assertThat(validator.validate(file)).extracting(Object::toString).containsExactly(
                file + ":13: Simple expression does not compile: Valid syntax: ${body.OGNL} was: body[nosuch",
                file + ":16: unknown component 'htps' in htps://chat.example.com/hook (a typo, or its camel-htps-starter is missing from pom.xml)");
    }

    @Test
    void aRouteIdUsedInTwoFilesIsReportedOnTheSecond(@TempDir Path dir) throws Exception {
        String recipe = """
                - route:
                    id: copied-recipe
                    from:
                      uri: timer:tick
                      steps:
                        - log: tick
                """;
        Path first = write(dir, "a-recipe.camel.yaml", recipe);
        Path copy = write(dir, "b-recipe-copy.camel.yaml", recipe);

        assertThat(validator.validate(first)).isEmpty();
        assertThat(validator.validate(copy)).singleElement().asString()
                .contains("route id 'copied-recipe' is already used in " + first);
    }

    @Test
    void aWrongEndpointOptionIsReported(@TempDir Path dir) throws Exception {
        Path file = write(dir, "wrong-option.camel.yaml", """
                - route:
                    id: wrong-option
                    from:
                      uri: timer:tick
                      parameters:
                        periodd: 1000
                      steps:
                        - log: tick
                """);

        assertThat(validator.validate(file)).singleElement().asString().contains("wrong endpoint option").contains("periodd");
    }

    @Test
    void aMissingBeanOrBeanMethodIsReported(@TempDir Path dir) throws Exception {
        Path file = write(dir, "beans.camel.yaml", """
                - route:
                    id: beans
                    from:
                      uri: timer:tick
                      steps:
                        - bean:
                            ref: exportParsr
                        - bean:
                            ref: exportParser
                            method: parsee
                        - bean:
                            ref: exportParser
                            method: "rejected(${body}, 'x', null, null)"
                        - setHeader:
                            name: range
                            method:
                              ref: sheetLayout
                              method: keyColumnRang
                """);

        assertThat(validator.validate(file)).extracting(Object::toString).containsExactly(
                file + ":6: no bean named 'exportParsr' (a typo, or a bean the file does not declare)",
                file + ":8: bean 'exportParser' has no method 'parsee'",
                file + ":14: bean 'sheetLayout' has no method 'keyColumnRang'");
    }

    @Test
    void kameletMistakesAreReported(@TempDir Path dir) throws Exception {
        Path file = write(dir, "kamelets.camel.yaml", """
                - route:
                    id: no-such-kamelet
                    from:
                      uri: kamelet:esignon-event
                      parameters: {event: export-accepted, subscriber: a}
                      steps:
                        - log: x
                - route:
                    id: missing-and-unknown
                    from:
                      uri: kamelet:esignon-events
                      parameters:
                        event: export-accepted
                        subscribr: b
                      steps:
                        - log: x
                - route:
                    id: outside-enum-and-pattern
                    from:
                      uri: "kamelet:esignon-events?event=contract-signed&subscriber=Post_To_Chat&batch-size=ten"
                      steps:
                        - to:
                            uri: kamelet:esignon-events
                            parameters: {event: export-accepted, subscriber: ok, start-at: yesterday}
                """);

        assertThat(validator.validate(file)).extracting(Object::toString).containsExactly(
                file + ":4: no Kamelet named 'esignon-event' (a typo, or its esignon-event.kamelet.yaml is not in classpath:kamelets)",
                file + ":11: Kamelet 'esignon-events' needs parameter 'subscriber'",
                file + ":11: Kamelet 'esignon-events' has no parameter 'subscribr' (it has: batch-size, delay, event, greedy,"
                        + " initial-delay, lease, max-attempts, max-delay, multiplier, single-writer, start-at, subscriber, writer)",
                file + ":20: Kamelet 'esignon-events' parameter 'batch-size' is 'ten': string found, integer expected",
                file + ":20: Kamelet 'esignon-events' parameter 'event' is 'contract-signed': does not have a value in the enumeration"
                        + " [\"export-accepted\", \"contract-completed\", \"contract-rejected\", \"signing-link\", \"document-archived\"]",
                file + ":20: Kamelet 'esignon-events' parameter 'subscriber' is 'Post_To_Chat': does not match the regex pattern ^[a-z0-9][a-z0-9-]{0,99}$",
                file + ":22: Kamelet 'esignon-events' parameter 'start-at' is 'yesterday': does not have a value in the enumeration [\"now\", \"beginning\"]");
    }

    @Test
    void aKameletsOwnEndpointOptionsAreNoMistake(@TempDir Path dir) throws Exception {
        Path file = write(dir, "kamelet-options.camel.yaml", """
                - route:
                    id: kamelet-options
                    from:
                      uri: kamelet:esignon-events
                      parameters: {event: export-accepted, subscriber: c, batch-size: 5, single-writer: true, bridgeErrorHandler: true}
                      steps:
                        - log: x
                """);

        assertThat(validator.validate(file)).isEmpty();
    }

    @Test
    void aMistakeOnlyCreatingTheRouteShowsIsReported(@TempDir Path dir) throws Exception {
        Path file = write(dir, "convert.camel.yaml", """
                - route:
                    id: convert
                    from:
                      uri: timer:tick
                      steps:
                        - convertBodyTo:
                            type: java.lang.Strin
                """);

        assertThat(validator.validate(file)).singleElement().asString()
                .startsWith(file + ":1: route 'convert' cannot be created at ConvertBodyTo[java.lang.Strin]: ");
    }

    private static Path write(Path dir, String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
