package org.esignonbridge.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's session on the admin page, driven over plain HTTP as curl would: the sign-in form's
 * CSRF token and cookie, then the form posted with the admin token.
 */
public record AdminSession(URI management, String cookie, String csrf) {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** Signs in with the token through the form; extra headers (name, value, ...) go with the POST. */
    public static AdminSession signIn(URI management, String token, String... headers) {
        HttpResponse<String> answer = postSignIn(management, token, headers);
        if (answer.statusCode() != 302 || !answer.headers().firstValue("Location").orElse("").endsWith("/admin")) {
            throw new IllegalStateException("sign-in refused: " + answer.statusCode() + " " + answer.headers().map());
        }
        String cookie = cookie(answer);
        return new AdminSession(management, cookie, csrfOf(ProductTest.send(HttpRequest.newBuilder(management.resolve("/admin"))
                .header("Cookie", cookie).build()).body()));
    }

    /** The sign-in form posted with its CSRF token: 302 to /admin when right, to ?wrong when not. */
    public static HttpResponse<String> postSignIn(URI management, String token, String... headers) {
        HttpResponse<String> form = ProductTest.send(HttpRequest.newBuilder(management.resolve("/admin/sign-in")).build());
        HttpRequest.Builder post = HttpRequest.newBuilder(management.resolve("/admin/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie(form))
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrfOf(form.body()) + "&token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        if (headers.length > 0) {
            post.headers(headers);
        }
        return ProductTest.send(post.build());
    }

    /** A POST of the page's forms with this session's cookie and CSRF token (null: without the token). */
    public HttpResponse<String> post(String path, String form, boolean withCsrf) {
        return ProductTest.send(HttpRequest.newBuilder(management.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString((withCsrf ? "_csrf=" + csrf + "&" : "") + form)).build());
    }

    public HttpResponse<String> get(String path) {
        return ProductTest.send(HttpRequest.newBuilder(management.resolve(path)).header("Cookie", cookie).build());
    }

    private static String cookie(HttpResponse<String> answer) {
        String setCookie = answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new IllegalStateException("no session cookie: " + answer.headers().map()));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String csrfOf(String page) {
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token in the page:\n" + page);
        }
        return csrf.group(1);
    }
}
