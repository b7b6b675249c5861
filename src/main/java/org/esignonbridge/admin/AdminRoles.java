package org.esignonbridge.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Who may do what: a {@code viewer} reads (trail, contracts, backlogs, rejected bodies), an
 * {@code operator} may also replay. A person's roles come from the provider's claim
 * {@code esignon.admin.role-claim} (a text or a list holding {@code viewer} or {@code operator}) and
 * from the e-mail lists {@code esignon.admin.viewers} and {@code operators}.
 */
@Component
public class AdminRoles {

    public static final String VIEWER = "VIEWER";
    public static final String OPERATOR = "OPERATOR";
    /** The admin token's holder (scripts; without a provider, everyone who signs in). */
    static final String TOKEN_HOLDER = "admin token";

    private final AdminProperties properties;

    public AdminRoles(AdminProperties properties) {
        this.properties = properties;
    }

    /** The authorities of someone with these claims (an ID token's or a bearer JWT's). */
    public Set<GrantedAuthority> of(Map<String, Object> claims) {
        Set<String> roles = new LinkedHashSet<>();
        Object claim = claims.get(properties.roleClaim());
        Collection<?> values = claim instanceof Collection<?> list ? list : claim == null ? List.of() : List.of(claim);
        for (Object value : values) {
            for (String role : value.toString().split("[\\s,]+")) {
                switch (AdminProperties.normalised(role)) {
                    case "operator" -> roles.add(OPERATOR);
                    case "viewer" -> roles.add(VIEWER);
                    default -> { }
                }
            }
        }
        String email = verifiedEmail(claims);
        if (properties.isOperator(email)) {
            roles.add(OPERATOR);
        }
        if (properties.isViewer(email)) {
            roles.add(VIEWER);
        }
        if (roles.contains(OPERATOR)) {
            roles.add(VIEWER);   // an operator reads too
        }
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        return authorities;
    }

    /** The token holder may do everything, as before sign-in by provider existed. */
    static List<GrantedAuthority> tokenHolder() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + VIEWER), new SimpleGrantedAuthority("ROLE_" + OPERATOR));
    }

    /** An e-mail the provider did not say is unverified. */
    private static String verifiedEmail(Map<String, Object> claims) {
        Object email = claims.get("email");
        return email == null || Boolean.FALSE.equals(claims.get("email_verified")) ? null : email.toString();
    }

    /** Who this is, as the audit trail and the page name them: e-mail, else user name, else subject. */
    public static String who(Authentication authentication) {
        if (authentication == null) {
            return "-";
        }
        Map<String, Object> claims = authentication.getPrincipal() instanceof OidcUser user ? user.getClaims()
                : authentication instanceof JwtAuthenticationToken jwt ? jwt.getTokenAttributes() : Map.of();
        for (String name : new String[] {"email", "preferred_username", "upn", "sub"}) {
            if (claims.get(name) != null) {
                return claims.get(name).toString();
            }
        }
        return authentication.getName();
    }

    /** operator, viewer, or none. */
    public static String role(Authentication authentication) {
        List<String> granted = new ArrayList<>();
        if (authentication != null) {
            authentication.getAuthorities().forEach(a -> granted.add(a.getAuthority()));
        }
        return granted.contains("ROLE_" + OPERATOR) ? "operator" : granted.contains("ROLE_" + VIEWER) ? "viewer" : "none";
    }
}
