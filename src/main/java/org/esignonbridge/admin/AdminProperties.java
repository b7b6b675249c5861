package org.esignonbridge.admin;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The admin page and API on the management port. Operators sign in with the company's OpenID Connect
 * provider when one is configured (Spring Boot's {@code spring.security.oauth2.client.registration.esignon.*}),
 * else with the admin token.
 *
 * @param token          <b>Admin token.</b> <b>Secret.</b> Token of the admin page and API
 *                       ({@code Authorization: Bearer <token>}, or the page's sign-in form without a provider);
 *                       never the export secret. Set it with {@code ESIGNON_ADMIN_TOKEN} to a long random value.
 *                       With a provider, only scripts use it, as a bearer token, and only with token-fallback.
 *                       Empty and no provider: no admin page or API. Example: the output of {@code openssl rand -hex 32}
 * @param tokenFallback  <b>Token beside the provider.</b> With an OpenID Connect provider, also accept the token as
 *                       a bearer token for scripts (never in a browser). Example: {@code true}
 * @param recentDays     <b>Recent days.</b> The admin page lists the contracts of this many last days. Example: {@code 30}
 * @param sessionTimeout <b>Session timeout.</b> How long a browser stays signed in to the admin page. Example: {@code 1h}
 * @param roleClaim      <b>Role claim.</b> The claim of the provider's ID token (or a bearer JWT) that holds
 *                       {@code viewer} or {@code operator}. Example: {@code groups}
 * @param viewers        <b>Viewers.</b> E-mail addresses that may read (trail, contracts, backlogs, rejected bodies).
 *                       Example: {@code audit@example.com,hr@example.com}
 * @param operators      <b>Operators.</b> E-mail addresses that may also replay. Example: {@code ops@example.com}
 * @param contact        <b>Contact.</b> Whom someone signed in without a role should ask (shown on the 403 page).
 *                       Example: {@code the IT help desk, extension 1234}
 */
@Validated
@ConfigurationProperties("esignon.admin")
public record AdminProperties(String token, @DefaultValue("false") boolean tokenFallback, @DefaultValue("7") @Positive int recentDays,
                              @DefaultValue("8h") @NotNull Duration sessionTimeout, @DefaultValue("roles") String roleClaim,
                              @DefaultValue List<String> viewers, @DefaultValue List<String> operators,
                              @DefaultValue("the administrator of this eSignon bridge") String contact) {

    public boolean hasToken() {
        return token != null && !token.isBlank();
    }

    public boolean isViewer(String email) {
        return email != null && viewers.stream().anyMatch(v -> v.trim().equalsIgnoreCase(email.trim()));
    }

    public boolean isOperator(String email) {
        return email != null && operators.stream().anyMatch(o -> o.trim().equalsIgnoreCase(email.trim()));
    }

    static String normalised(String role) {
        return role == null ? "" : role.trim().toLowerCase(Locale.ROOT);
    }
}
