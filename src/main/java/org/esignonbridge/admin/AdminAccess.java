package org.esignonbridge.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;
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
 * page's forms carry a CSRF value derived from the session the same way.
 */
public class AdminAccess {

    static final String COOKIE = "esignon-admin";
    private static final String BEARER = "Bearer ";

    private final ConstantTimeSecret token;
    private final SecretKeySpec key;
    private final Duration sessionTimeout;
    private final Clock clock;

    public AdminAccess(AdminProperties properties, Clock clock) {
        this.token = new ConstantTimeSecret(properties.token());
        this.key = new SecretKeySpec(properties.token().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.sessionTimeout = properties.sessionTimeout();
        this.clock = clock;
    }

    /** The bearer token, or (for reading) a valid session cookie. */
    public boolean allows(ServerRequest request) {
        return bearer(request) || session(request) != null;
    }

    private boolean bearer(ServerRequest request) {
        String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.startsWith(BEARER) && token.matches(authorization.substring(BEARER.length()));
    }

    /** The request's unexpired session, or null. */
    String session(ServerRequest request) {
        Cookie cookie = request.cookies().getFirst(COOKIE);
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
    public boolean allowsForm(ServerRequest request, String csrf) {
        String session = session(request);
        return session != null && csrf != null && equal(csrf, csrf(session));
    }

    /** Reads with the token or a session; API POSTs (replay) only with the token header, so no page can make a browser send one. */
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        boolean allowed = "GET".equals(request.method().name()) ? allows(request) : bearer(request);
        return allowed ? next.handle(request)
                : ServerResponse.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    public boolean matches(String candidate) {
        return token.matches(candidate);
    }

    /** A new session's cookie: sent back only to /admin, never readable by scripts, never to another site. */
    public ResponseCookie cookie() {
        String issuedAt = Long.toString(clock.millis());
        return ResponseCookie.from(COOKIE, issuedAt + "." + sign("session:" + issuedAt)).path("/admin").httpOnly(true)
                .sameSite("Strict").maxAge(sessionTimeout).build();
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
