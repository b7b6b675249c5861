package org.esignonbridge.handoff;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Embed mode ({@code request_code} {@code embed}): eSignon sends signers nothing, so the product
 * hands each next signer's link to the company.
 *
 * @param enabled whether embed exports are handed off; when false nothing is queued
 * @param handoffUri the Camel endpoint each hand-off message (JSON) is sent to: an HTTP API
 *        ({@code https://sms.example.com/send}), a queue ({@code jms:queue:signers}), mail
 *        ({@code smtps://...}). Default: a log line with the link masked; the message stays in
 *        {@code signer_handoff}
 * @param pollInterval how often waiting hand-offs are looked for
 * @param maxAttempts attempts (each with quick retries) before a hand-off counts as failed
 * @param retryInitialDelay wait after the first failed attempt; it doubles after each one
 * @param retryMaxDelay longest wait between attempts
 */
@Validated
@ConfigurationProperties("esignon.embed")
public record EmbedProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("direct:log-signer-handoff") @NotBlank String handoffUri,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("10") @Min(1) int maxAttempts,
        @DefaultValue("10s") Duration retryInitialDelay,
        @DefaultValue("10m") Duration retryMaxDelay) {
}
