package org.esignonbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The management port as an attacker on the network sees it: cookies, headers, tokens in URLs, guessing, health. */
@TestPropertySource(properties = "esignon.admin.token=" + AdminHardeningTest.TOKEN)
class AdminHardeningTest extends ProductTest {

    static final String TOKEN = "admin-token-91d0ee";

    @Test
    void theSessionCookieIsSecureWhenThePageIsReachedOverHttps() {
        String throughTheProxy = signIn("token=" + TOKEN, "X-Forwarded-Proto", "https").headers().firstValue("Set-Cookie").orElseThrow();
        String direct = signIn("token=" + TOKEN).headers().firstValue("Set-Cookie").orElseThrow();

        assertThat(throughTheProxy).contains("Secure").contains("HttpOnly").contains("SameSite=Strict");
        assertThat(direct).doesNotContain("Secure");
    }

    @Test
    void everyAdminAnswerKeepsItsDataOutOfFramesCachesAndScripts() {
        String cookie = cookie(signIn("token=" + TOKEN));
        postExport(sample("01-approve-playing.json"));

        for (HttpResponse<String> answer : new HttpResponse[] {
            management("/admin", null, null), management("/admin", null, cookie),
            management("/admin?wfuid=20261102-000173", null, cookie), management("/admin/api/contracts", TOKEN, null)}) {
            assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'").doesNotContain("script-src"));
            assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void aTokenInTheUrlSignsNobodyIn() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(managementUri("/admin/sign-in?token=" + TOKEN))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(answer.body()).contains("never in the address");
    }

    @Test
    void healthShowsItsDetailsOnlyToTheAdmin() {
        HttpResponse<String> anyone = management("/actuator/health", null, null);
        HttpResponse<String> admin = management("/actuator/health", TOKEN, null);

        assertThat(json(anyone).at("/components/backlog/status").asText()).isEqualTo("UP");
        assertThat(json(anyone).at("/components/backlog/details").isMissingNode()).isTrue();
        assertThat(json(anyone).at("/components/db/details").isMissingNode()).isTrue();
        assertThat(json(admin).at("/components/backlog/details/subscribers").isObject()).isTrue();
        assertThat(json(admin).at("/components/db/details/database").asText()).isNotEmpty();
    }

    @Test
    void wrongTokensFromOneAddressAreSlowedDown() {
        for (int i = 0; i < WrongTokenThrottle.FREE; i++) {
            assertThat(signIn("token=guess-" + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = signIn("token=guess-again");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(management("/admin/api/contracts", TOKEN, null).statusCode()).as("even the right token waits").isEqualTo(429);
        assertThat(management("/admin/api/contracts", "guess", null).statusCode()).isEqualTo(429);

        await().atMost(Duration.ofSeconds(10)).until(() -> management("/admin/api/contracts", TOKEN, null).statusCode() == 200);
        assertThat(signIn("token=guess-after").statusCode()).as("the right token started the address over").isEqualTo(401);
    }

    private HttpResponse<String> signIn(String form, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(managementUri("/admin/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    private static String cookie(HttpResponse<String> signedIn) {
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private HttpResponse<String> management(String path, String token, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(managementUri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }
}
