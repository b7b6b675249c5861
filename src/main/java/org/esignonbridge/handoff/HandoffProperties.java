package org.esignonbridge.handoff;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hand-off of signing links: in embed mode ({@code request_code} {@code embed}) eSignon sends
 * signers nothing, so the product hands each next signer's link to the company.
 *
 * @param enabled whether signing links are handed off (the handoff route is deployed); retries follow
 *        esignon.delivery.*
 * @param uri the Camel endpoint each hand-off message (JSON) is sent to: an HTTP API
 *        ({@code https://sms.example.com/send}), a queue ({@code jms:queue:signers}), mail
 *        ({@code smtps://...}). Default: a log line with the link masked
 */
@Validated
@ConfigurationProperties("esignon.handoff")
public record HandoffProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("direct:log-handoff") @NotBlank String uri) {
}
