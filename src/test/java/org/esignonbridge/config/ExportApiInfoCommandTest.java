package org.esignonbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.esignonbridge.receive.ExportProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code export-api-info}, run through its Java entry point. The settings come, as for the product,
 * from ./application.yaml (the working directory is the project) overridden by {@code --name=value}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExportApiInfoCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "s3cret-7c1e";

    private record Result(int exitCode, String out, String err) {

        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ExportApiInfoCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A complete, valid set of settings with {@code overrides} ({@code --name=value}) applied. A setting
     * must be given once: Spring joins repeated {@code --name=} values with commas.
     */
    private static String[] args(String... overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("--esignon.public-base-url", "https://bridge.example.com");
        settings.put("--esignon.export.authorization", SECRET);
        settings.put("--esignon.export.path", "/esignon/export");
        settings.put("--esignon.export.api-type", "ALL");
        settings.put("--esignon.export.params", "");
        for (String override : overrides) {
            int equals = override.indexOf('=');
            settings.put(override.substring(0, equals), override.substring(equals + 1));
        }
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    @Test
    void printsTheBlockWithEsignonsSnakeCaseKeys(CapturedOutput logs) throws Exception {
        Result result = run(args(
                "--esignon.public-base-url=https://bridge.example.com/",
                "--esignon.export.api-type=StartAndEnd",
                "--esignon.export.params=employee_no,department",
                "--esignon.export-api-info.request-code=embed",
                "--esignon.export-api-info.clientid=acme-corp",
                "--esignon.export-api-info.request-params[0].param-id=employee_no",
                "--esignon.export-api-info.request-params[0].fields[0].doc-id=1234",
                "--esignon.export-api-info.request-params[0].fields[0].field-name=사번",
                "--esignon.export-api-info.request-params[0].fields[1].doc-id=5678",
                "--esignon.export-api-info.request-params[0].fields[1].field-name=employee number",
                "--esignon.export-api-info.request-params[1].param-id=department",
                "--esignon.export-api-info.request-params[1].param-value=unknown"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.json()).isEqualTo(JSON.readTree("""
                {"export_api_info": {
                  "api_type": "StartAndEnd",
                  "url": "https://bridge.example.com/esignon/export",
                  "authorization": "s3cret-7c1e",
                  "link_type": "download",
                  "request_code": "embed",
                  "clientid": "acme-corp",
                  "request_params": [
                    {"param_id": "employee_no", "param_value": "",
                     "fields": [{"doc_id": "1234", "field_name": "사번"},
                                {"doc_id": "5678", "field_name": "employee number"}]},
                    {"param_id": "department", "param_value": "unknown", "fields": []}
                  ]
                }}
                """));
        List<String> keys = new ArrayList<>();
        result.json().get("export_api_info").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("api_type", "url", "authorization", "link_type", "request_code", "clientid",
                "request_params");
        // Pretty-printed, and readable whatever the console's encoding
        assertThat(result.out()).startsWith("{\n  \"export_api_info\": {\n    \"api_type\": \"StartAndEnd\",\n")
                .contains("\\uC0AC\\uBC88").endsWith("}\n");
        // The secret goes to the given output only: nothing is logged
        assertThat(logs.getAll()).doesNotContain(SECRET);
    }

    @Test
    void theUrlIsThePublicBaseUrlWithoutTrailingSlashPlusTheExportPath() throws Exception {
        Result result = run(args(
                "--esignon.public-base-url=https://proxy.example.com/bridge//",
                "--esignon.export.path=/hooks/esignon"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.json().at("/export_api_info/url").asText()).isEqualTo("https://proxy.example.com/bridge/hooks/esignon");
    }

    @Test
    void emptyOptionalValuesAreLeftOutAndLinkTypeDefaultsToDownload() throws Exception {
        JsonNode defaults = run(args()).json().get("export_api_info");
        assertThat(defaults.get("link_type").asText()).isEqualTo("download");
        assertThat(defaults.has("request_code")).isFalse();
        assertThat(defaults.has("clientid")).isFalse();
        assertThat(defaults.get("request_params").isEmpty()).isTrue();

        JsonNode viewerLinks = run(args("--esignon.export-api-info.link-type=")).json().get("export_api_info");
        assertThat(viewerLinks.has("link_type")).isFalse();
    }

    @Test
    void aMissingPublicBaseUrlIsAConfigurationError() {
        Result result = run(args("--esignon.public-base-url="));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("esignon.public-base-url is not set").doesNotContain(SECRET);
    }

    @Test
    void plainHttpIsRefusedExceptOnThisMachine() throws Exception {
        Result remote = run(args("--esignon.public-base-url=http://bridge.example.com"));
        assertThat(remote.exitCode()).isEqualTo(2);
        assertThat(remote.out()).isEmpty();
        assertThat(remote.err()).contains("esignon.public-base-url must use https");

        Result local = run(args("--esignon.public-base-url=http://localhost:8080"));
        assertThat(local.exitCode()).isZero();
        assertThat(local.json().at("/export_api_info/url").asText()).isEqualTo("http://localhost:8080/esignon/export");

        assertThat(run(args("--esignon.public-base-url=http://127.0.0.1:8080")).exitCode()).isZero();
        assertThat(run(args("--esignon.public-base-url=bridge.example.com")).exitCode()).isEqualTo(2);
        assertThat(run(args("--esignon.public-base-url=https://bridge.example.com/?x=1")).exitCode()).isEqualTo(2);
    }

    @Test
    void theExampleSecretIsRefusedUnlessAllowedForDevelopment() throws Exception {
        Result refused = run(args("--esignon.export.authorization=" + ExportProperties.EXAMPLE_AUTHORIZATION));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains("example secret printed in the README");

        Result result = run(args("--esignon.export.authorization=" + ExportProperties.EXAMPLE_AUTHORIZATION,
                "--esignon.export.allow-example-authorization=true"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.json().at("/export_api_info/authorization").asText()).isEqualTo(ExportProperties.EXAMPLE_AUTHORIZATION);
        assertThat(result.err()).contains("warning: esignon.export.authorization is still the example secret");
    }

    @Test
    void anEmptySecretIsAConfigurationError() {
        Result result = run(args("--esignon.export.authorization="));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("esignon.export.authorization is empty: set ESIGNON_EXPORT_AUTHORIZATION");
    }

    @Test
    void requestParamsThatEsignonOrTheProductCannotUseAreConfigurationErrors() {
        Result collision = run(args("--esignon.export-api-info.request-params[0].param-id=status"));
        assertThat(collision.exitCode()).isEqualTo(2);
        assertThat(collision.err()).contains("request-params[0].param-id is 'status'");

        Result noFieldName = run(args(
                "--esignon.export-api-info.request-params[0].param-id=employee_no",
                "--esignon.export-api-info.request-params[0].fields[0].doc-id=1234"));
        assertThat(noFieldName.exitCode()).isEqualTo(2);
        assertThat(noFieldName.err()).contains("request-params[0].fields[0].field-name is empty");
    }

    @Test
    void aDeclaredParamThatEsignonIsNotAskedForIsWarnedAbout() {
        Result result = run(args("--esignon.export.params=employee_no"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("esignon.export.params lists 'employee_no'");
    }

    @Test
    void anArgumentThatIsNotASettingIsRefused() {
        Result result = run(args("-Designon.public-base-url=https://bridge.example.com"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unexpected argument");
    }
}
