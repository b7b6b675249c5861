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
 * {@code esignon.admin.*}: the admin page and API on the management port. Operators sign in with the
 * company's OpenID Connect provider when one is configured (Spring Boot's
 * {@code spring.security.oauth2.client.registration.esignon.*}), else with the admin token.
 *
 * @param token          <b>secret</b>: the admin token ({@code Authorization: Bearer <token>}, or the page's
 *                       sign-in form without a provider); never the export secret. Empty and no provider: no admin
 * @param tokenFallback  with a provider, also accept {@code token} as a bearer token for scripts (never in a browser);
 *                       without one the token is how everyone signs in
 * @param recentDays     the page lists the contracts of this many last days
 * @param sessionTimeout how long a browser stays signed in to the page
 * @param roleClaim      the claim of the provider's ID token (or a bearer JWT) that holds {@code viewer} or {@code operator}
 * @param viewers        e-mail addresses that may read (trail, backlogs, rejected bodies)
 * @param operators      e-mail addresses that may also replay
 * @param contact        whom someone signed in without a role should ask (shown on the 403 page)
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
