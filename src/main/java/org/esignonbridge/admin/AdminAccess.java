package org.esignonbridge.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.esignonbridge.config.ConstantTimeSecret;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Who may use the admin page and API: a caller presenting {@code esignon.admin.token} as
 * {@code Authorization: Bearer <token>} (the API; its POSTs accept nothing else), or a browser
 * holding the session cookie the page's sign-in form set. The cookie holds no token: its issue
 * time and an HMAC of it keyed by the token, so every instance with the same token accepts it, it
 * expires after {@code esignon.admin.session-timeout}, and a new token ends every session. The
 * page's forms carry a CSRF value derived from the session the same way. Wrong tokens slow their
 * sender down ({@link WrongTokenThrottle}).
 */
public class AdminAccess {

    static final String COOKIE = "esignon-admin";
    private static final String BEARER = "Bearer ";

    private final ConstantTimeSecret token;
    private final SecretKeySpec key;
    private final Duration sessionTimeout;
    private final Clock clock;
    private final WrongTokenThrottle throttle;

    public AdminAccess(AdminProperties properties, Clock clock) {
        this.token = new ConstantTimeSecret(properties.token());
        this.key = new SecretKeySpec(properties.token().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.sessionTimeout = properties.sessionTimeout();
        this.clock = clock;
        this.throttle = new WrongTokenThrottle(clock);
    }

    /** The bearer token, or (for reading) a valid session cookie. */
    public boolean allows(HttpServletRequest request) {
        return bearer(request) || session(request) != null;
    }

    /** A right bearer token; a wrong one counts against the caller's address. */
    private boolean bearer(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return false;
        }
        return matches(authorization.substring(BEARER.length()), request);
    }

    /** The token, checked in constant time, unless the caller's address is locked out for wrong ones. */
    public boolean matches(String candidate, HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (!lockedOut(request).isZero()) {
            return false;
        }
        boolean right = token.matches(candidate);
        if (right) {
            throttle.right(address);
        } else {
            throttle.wrong(address);
        }
        return right;
    }

    /** How long the caller's address must wait after too many wrong tokens (README: Operating it). */
    public Duration lockedOut(HttpServletRequest request) {
        return throttle.lockedOut(request.getRemoteAddr());
    }

    /** The request's unexpired session, or null. */
    String session(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        Cookie cookie = cookies == null ? null : Arrays.stream(cookies).filter(c -> COOKIE.equals(c.getName())).findFirst().orElse(null);
        if (cookie == null) {
            return null;
        }
        String[] parts = cookie.getValue().split("\\.", 2);
        if (parts.length != 2 || !parts[0].matches("\\d{1,19}") || !equal(parts[1], sign("session:" + parts[0]))) {
            return null;
        }
        long issuedAt = Long.parseLong(parts[0]);
        return clock.millis() - issuedAt <= sessionTimeout.toMillis() ? cookie.getValue() : null;
    }

    /** The CSRF value the page's forms carry for this session. */
    String csrf(String session) {
        return sign("csrf:" + session);
    }

    /** A POST of the page: a valid session whose form carries its CSRF value. */
    public boolean allowsForm(HttpServletRequest request, String csrf) {
        String session = session(request);
        return session != null && csrf != null && equal(csrf, csrf(session));
    }

    /** Reads with the token or a session; API POSTs (replay) only with the token header, so no page can make a browser send one. */
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        HttpServletRequest servlet = request.servletRequest();
        boolean allowed = "GET".equals(request.method().name()) ? allows(servlet) : bearer(servlet);
        if (allowed) {
            return next.handle(request);
        }
        Duration locked = lockedOut(servlet);
        return locked.isZero()
                ? ServerResponse.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build()
                : ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, retryAfter(locked)).build();
    }

    static String retryAfter(Duration locked) {
        return Long.toString(Math.max(1, (locked.toMillis() + 999) / 1000));
    }

    /**
     * A new session's cookie: sent back only to /admin, never readable by scripts, never to another
     * site, and only over https when the page was reached over https (directly or through the TLS
     * proxy, which says so in {@code X-Forwarded-Proto}).
     */
    public ResponseCookie cookie(HttpServletRequest request) {
        String issuedAt = Long.toString(clock.millis());
        boolean https = request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        return ResponseCookie.from(COOKIE, issuedAt + "." + sign("session:" + issuedAt)).path("/admin").httpOnly(true)
                .secure(https).sameSite("Strict").maxAge(sessionTimeout).build();
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean equal(String one, String other) {
        return MessageDigest.isEqual(one.getBytes(StandardCharsets.UTF_8), other.getBytes(StandardCharsets.UTF_8));
    }
}
