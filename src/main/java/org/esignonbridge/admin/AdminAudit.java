package org.esignonbridge.admin;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.esignonbridge.config.LastError;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The admin audit trail in {@code admin_audit}: every sign-in and failed sign-in (page or bearer
 * token), sign-out, replay and read of rejected bodies, and every denial of someone signed in, with
 * who, role, when and from which address. Failed sign-ins also feed the {@link WrongTokenThrottle};
 * denials (signed in or not) are counted in {@code esignon_admin_denials_total}. Never a token.
 */
@Component
public class AdminAudit {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final WrongTokenThrottle throttle;
    private final Counter denials;

    public AdminAudit(NamedParameterJdbcTemplate jdbc, Clock clock, MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.throttle = new WrongTokenThrottle(clock);
        this.denials = Counter.builder("esignon.admin.denials")
                .description("Admin requests refused: not signed in, a wrong token, or a role that does not allow it").register(metrics);
    }

    WrongTokenThrottle throttle() {
        return throttle;
    }

    /** What the signed-in caller of this request did. */
    public void record(String action, String target) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        insert(AdminRoles.who(authentication), AdminRoles.role(authentication), action, target, currentAddress(), null);
    }

    /** The newest rows first, for the page. */
    public List<Map<String, Object>> recent(int limit) {
        return jdbc.queryForList("SELECT at, who, role, action, target, address, detail FROM admin_audit ORDER BY id DESC LIMIT :limit",
                Map.of("limit", Math.max(1, Math.min(limit, 1000))));
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        Authentication authentication = event.getAuthentication();
        String address = address(authentication);
        throttle.right(address);
        insert(AdminRoles.who(authentication), AdminRoles.role(authentication), "sign_in", null, address, null);
    }

    /** A bearer token that was right: the address starts over (no row: a script calls often). */
    @EventListener
    void authenticated(AuthenticationSuccessEvent event) {
        throttle.right(address(event.getAuthentication()));
    }

    @EventListener
    void signInFailed(AbstractAuthenticationFailureEvent event) {
        String address = address(event.getAuthentication());
        throttle.wrong(address);
        denials.increment();
        // the attempt's principal may be the token itself: only the reason is kept
        insert("-", "none", "sign_in_failed", null, address, event.getException().getClass().getSimpleName() + ": "
                + event.getException().getMessage());
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        Authentication authentication = event.getAuthentication();
        insert(AdminRoles.who(authentication), AdminRoles.role(authentication), "sign_out", null, currentAddress(), null);
    }

    @EventListener
    void denied(AuthorizationDeniedEvent<?> event) {
        denials.increment();
        Authentication authentication = event.getAuthentication().get();
        if (authentication != null && authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken)) {
            ServletRequestAttributes request = (ServletRequestAttributes) RequestContextHolder.getRequestAttributes();
            String target = event.getObject() instanceof jakarta.servlet.http.HttpServletRequest http
                    ? http.getMethod() + " " + http.getRequestURI() : request == null ? null : request.getRequest().getRequestURI();
            insert(AdminRoles.who(authentication), AdminRoles.role(authentication), "denied", target, currentAddress(), null);
        }
    }

    private void insert(String who, String role, String action, String target, String address, String detail) {
        Map<String, Object> row = new HashMap<>();
        row.put("at", LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
        row.put("who", fit(who, 320));
        row.put("role", role);
        row.put("action", action);
        row.put("target", fit(target, 255));
        row.put("address", fit(address, 64));
        row.put("detail", LastError.fit(detail));
        jdbc.update("INSERT INTO admin_audit (at, who, role, action, target, address, detail)"
                + " VALUES (:at, :who, :role, :action, :target, :address, :detail)", row);
    }

    private static String address(Authentication authentication) {
        return authentication != null && authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : currentAddress();
    }

    private static String currentAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr() : null;
    }

    private static String fit(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
