package org.esignonbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.esignonbridge.support.AdminSession;
import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The management port as an attacker on the network sees it: cookies, headers, tokens in URLs, guessing, health. */
@OnEveryDatabase
@TestPropertySource(properties = {"esignon.admin.token=" + AdminTest.TOKEN, AdminTest.STAFF_ROUTE})   // AdminTest's product
class AdminHardeningTest extends ProductTest {

    static final String TOKEN = AdminTest.TOKEN;
    static final Path OUTBOX = AdminTest.OUTBOX;   // AdminTest's staff route, written before the product starts

    @Test
    void theSessionCookieIsSecureWhenThePageIsReachedOverHttps() {
        String throughTheProxy = AdminSession.postSignIn(managementUri(""), TOKEN, "X-Forwarded-Proto", "https")
                .headers().allValues("Set-Cookie").toString();
        String direct = AdminSession.postSignIn(managementUri(""), TOKEN).headers().allValues("Set-Cookie").toString();

        assertThat(throughTheProxy).contains("JSESSIONID=").contains("Secure").contains("HttpOnly").contains("SameSite=Lax");
        assertThat(direct).contains("JSESSIONID=").doesNotContain("Secure");
    }

    @Test
    void everyAdminAnswerKeepsItsDataOutOfFramesCachesAndScripts() {
        AdminSession session = AdminSession.signIn(managementUri(""), TOKEN);
        postExport(sample("01-approve-playing.json"));

        for (HttpResponse<String> answer : List.of(management("/admin", null), management("/admin/sign-in", null),
                session.get("/admin"), session.get("/admin?wfuid=20261102-000173"), management("/admin/api/contracts", TOKEN))) {
            assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'").doesNotContain("script-src"));
            assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(answer.headers().firstValue("Cache-Control")).hasValueSatisfying(cache -> assertThat(cache).contains("no-store"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void aTokenInTheUrlSignsNobodyIn() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(managementUri("/admin/sign-in?token=" + TOKEN))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
    }

    @Test
    void healthShowsItsDetailsOnlyToTheAdmin() {
        HttpResponse<String> anyone = management("/actuator/health", null);
        HttpResponse<String> admin = management("/actuator/health", TOKEN);

        assertThat(json(anyone).at("/components/backlog/status").asText()).isEqualTo("UP");
        assertThat(json(anyone).at("/components/backlog/details").isMissingNode()).isTrue();
        assertThat(json(anyone).at("/components/db/details").isMissingNode()).isTrue();
        assertThat(json(admin).at("/components/backlog/details/subscribers").isObject()).isTrue();
        assertThat(json(admin).at("/components/db/details/database").asText()).isNotEmpty();
    }

    @Test
    void wrongTokensFromOneAddressAreSlowedDownAndAudited() {
        for (int i = 0; i < WrongTokenThrottle.FREE; i++) {
            assertThat(AdminSession.postSignIn(managementUri(""), "guess-" + i).headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/admin/sign-in?wrong"));
        }

        HttpResponse<String> locked = management("/admin/api/contracts", "guess-again");
        assertThat(locked.statusCode()).isEqualTo(401);
        HttpResponse<String> waiting = management("/admin/api/contracts", TOKEN);
        assertThat(waiting.statusCode()).as("even the right token waits").isEqualTo(429);
        assertThat(waiting.headers().firstValue("Retry-After")).hasValue("1");

        await().atMost(Duration.ofSeconds(10)).until(() -> management("/admin/api/contracts", TOKEN).statusCode() == 200);
        assertThat(management("/admin/api/contracts", "guess-after").statusCode()).as("the right token started the address over")
                .isEqualTo(401);

        List<Map<String, Object>> audit = jdbc.queryForList("SELECT who, role, action, address, detail FROM admin_audit ORDER BY id");
        assertThat(audit).filteredOn(row -> "sign_in_failed".equals(row.get("action"))).hasSize(WrongTokenThrottle.FREE + 2)
                .allSatisfy(row -> {
                    assertThat(row).containsEntry("who", "-").containsEntry("role", "none").containsEntry("address", "127.0.0.1");
                    assertThat(row.toString()).doesNotContain("guess").doesNotContain(TOKEN);
                });
    }

    private HttpResponse<String> management(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(managementUri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }
}
