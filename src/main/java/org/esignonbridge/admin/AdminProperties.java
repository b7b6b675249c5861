package org.esignonbridge.admin;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code esignon.admin.*}: the admin page and API on the management port.
 *
 * @param token      <b>secret</b>: what a caller presents ({@code Authorization: Bearer <token>}, or the
 *                   page's sign-in form); never the export secret. Empty: no admin page or API
 * @param recentDays the page lists the contracts of this many last days
 * @param sessionTimeout how long a browser stays signed in to the page
 */
@Validated
@ConfigurationProperties("esignon.admin")
public record AdminProperties(String token, @Positive int recentDays, @NotNull Duration sessionTimeout) {

    public boolean enabled() {
        return token != null && !token.isBlank();
    }
}
