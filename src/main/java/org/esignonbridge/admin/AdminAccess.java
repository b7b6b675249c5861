package org.esignonbridge.admin;

import jakarta.servlet.http.Cookie;
import org.esignonbridge.config.ConstantTimeSecret;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Who may use the admin page and API: a caller presenting {@code esignon.admin.token}, as
 * {@code Authorization: Bearer <token>} (the API) or in the cookie the page's sign-in form sets.
 */
public class AdminAccess {

    static final String COOKIE = "esignon-admin";
    private static final String BEARER = "Bearer ";

    private final ConstantTimeSecret token;
    private final String rawToken;

    public AdminAccess(AdminProperties properties) {
        this.rawToken = properties.token();
        this.token = new ConstantTimeSecret(properties.token());
    }

    public boolean allows(ServerRequest request) {
        String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.startsWith(BEARER)) {
            return token.matches(authorization.substring(BEARER.length()));
        }
        Cookie cookie = request.cookies().getFirst(COOKIE);
        return cookie != null && token.matches(cookie.getValue());
    }

    /** Lets a request through to the API only with the token; 401 otherwise. */
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        return allows(request) ? next.handle(request)
                : ServerResponse.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    public boolean matches(String candidate) {
        return token.matches(candidate);
    }

    /** The cookie of a signed-in browser: sent back only to /admin, never readable by scripts. */
    public ResponseCookie cookie() {
        return ResponseCookie.from(COOKIE, rawToken).path("/admin").httpOnly(true).sameSite("Strict").build();
    }
}
