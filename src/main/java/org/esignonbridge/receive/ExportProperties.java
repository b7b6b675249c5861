package org.esignonbridge.receive;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How eSignon exports are received: where, with which secret, and which ones pass the filters.
 *
 * @param path <b>Export path.</b> Where eSignon POSTs exports; the {@code url} of {@code export_api_info} is
 *        {@code esignon.public-base-url} plus this path. Example: {@code /esignon/export}
 * @param authorization <b>Export secret.</b> <b>Secret.</b> The value eSignon sends in the {@code authorization}
 *        header (the {@code authorization} of {@code export_api_info}); set it with the environment variable
 *        {@code ESIGNON_EXPORT_AUTHORIZATION}. Required: the product does not start without one, nor with the
 *        shipped example {@code change-me-example-secret} (unless allow-example-authorization), nor with one an
 *        HTTP header cannot carry intact: printable ASCII only, no leading or trailing space (a trailing newline
 *        from a secrets file is the usual cause). Example: a long random value such as the output of
 *        {@code openssl rand -hex 32}
 * @param maxBodyBytes <b>Largest body.</b> Larger export bodies are answered 413. Example: {@code 1MB}
 * @param bodyTimeout <b>Body timeout.</b> Longest time a whole body may take to arrive; a slower one is answered
 *        408, so that a caller trickling bytes cannot hold the webhook's threads (the secret is checked before
 *        the body is read). Example: {@code 30s}
 * @param apiType <b>API type.</b> {@code ALL}: every export passes. {@code StartAndEnd}: only the first export of
 *        a document (no earlier export stored for its {@code wfuid}) and the one that ends it (status Complete
 *        or Canceled). Match it to the {@code api_type} of {@code export_api_info}. Example: {@code StartAndEnd}
 * @param worktypes <b>Worktypes that pass.</b> The worktypes whose exports pass the filters: {@code CF}
 *        (approve), {@code RT} (reject); the others are stored, not passed on. Example: {@code CF}
 * @param params <b>Expected params.</b> The param ids every export should carry (the {@code param-id}s of
 *        {@code esignon.export-api-info.request-params}); a missing one is stored with no value instead of
 *        being left out. Example: {@code employee_no,department}
 * @param allowExampleAuthorization <b>Allow the example secret.</b> Development only: start with the example
 *        secret of {@code application.yaml} (with a warning), which anyone who read the README knows. Never
 *        in production
 */
@Validated
@ConfigurationProperties("esignon.export")
public record ExportProperties(
        @DefaultValue("/esignon/export") @Pattern(regexp = "/[A-Za-z0-9/_.-]*") String path,
        @NotBlank(message = "is empty: set ESIGNON_EXPORT_AUTHORIZATION to the secret given to eSignon")
        String authorization,
        @DefaultValue("1MB") DataSize maxBodyBytes,
        @DefaultValue("30s") Duration bodyTimeout,
        @DefaultValue("ALL") ApiType apiType,
        @DefaultValue({"CF", "RT"}) @NotEmpty List<String> worktypes,
        @DefaultValue({}) List<String> params,
        @DefaultValue("false") boolean allowExampleAuthorization) {

    /** The secret shipped in application.yaml, so that it can be recognised and warned about. */
    public static final String EXAMPLE_AUTHORIZATION = "change-me-example-secret";

    public enum ApiType { ALL, StartAndEnd }

    public boolean usesExampleAuthorization() {
        return EXAMPLE_AUTHORIZATION.equals(authorization);
    }

    @AssertTrue(message = "esignon.export.authorization is the example secret printed in the README: anyone who read it could post exports. "
            + "Set ESIGNON_EXPORT_AUTHORIZATION to a long random value and give the same value to eSignon "
            + "(on a development machine only: esignon.export.allow-example-authorization=true)")
    public boolean isAuthorizationNotTheExample() {
        return allowExampleAuthorization || !usesExampleAuthorization();
    }

    /** A secret an HTTP header cannot carry, or whose spaces a proxy may trim, would refuse every export. */
    @AssertTrue(message = "esignon.export.authorization can never match: it must be printable ASCII (letters, digits, punctuation; "
            + "spaces only between them), as an HTTP header carries it. Check for a trailing newline or space, "
            + "or non-ASCII characters")
    public boolean isAuthorizationHeaderSafe() {
        if (authorization == null || authorization.isEmpty()) {
            return true; // @NotBlank says so
        }
        return authorization.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                && authorization.charAt(0) != ' ' && authorization.charAt(authorization.length() - 1) != ' ';
    }
}
