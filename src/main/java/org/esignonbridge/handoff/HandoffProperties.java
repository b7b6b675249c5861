package org.esignonbridge.handoff;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hand-off of signing links: in embed mode ({@code request_code} {@code embed}) eSignon sends
 * signers nothing, so the product hands each next signer's link to the company.
 *
 * @param enabled <b>Hand off signing links.</b> Hand the next signer's {@code play_url} of every embed-mode
 *        export to {@code uri}; when false {@code routes/handoff.camel.yaml} is not deployed. Retries follow
 *        {@code esignon.delivery.*}. Example: {@code false}
 * @param uri <b>Hand-off endpoint.</b> The Camel endpoint each hand-off message (JSON) goes to: an HTTP API, a
 *        queue ({@code jms:queue:signers}), mail ({@code smtps://...}). The default logs a line with the link
 *        masked. Example: {@code https://sms.example.com/send}
 */
@Validated
@ConfigurationProperties("esignon.handoff")
public record HandoffProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("direct:log-handoff") @NotBlank String uri) {
}
