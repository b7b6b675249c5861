package org.esignonbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.esignonbridge.support.OidcProvider;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Operators sign in as themselves: the real authorization code flow against an OpenID Connect
 * provider running as its own process, in headless Chromium; scripts call the API with the
 * provider's JWTs; every sign-in, replay, read and denial lands in the audit trail.
 */
@TestPropertySource(properties = {
    "esignon.admin.token=" + AdminSignOnTest.TOKEN,   // set, but with a provider only with token-fallback
    "esignon.admin.contact=it-help@example.com",
    "esignon.admin.viewers=auditor@example.com",
    AdminTest.STAFF_ROUTE})
class AdminSignOnTest extends ProductTest {

    static final String TOKEN = "admin-token-0b8e41";
    static final OidcProvider PROVIDER = OidcProvider.start();
    static final Path OUTBOX = AdminTest.OUTBOX;   // AdminTest's staff route, written before the product starts

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.registration.esignon.client-id", () -> OidcProvider.CLIENT_ID);
        registry.add("spring.security.oauth2.client.registration.esignon.client-secret", () -> OidcProvider.CLIENT_SECRET);
        registry.add("spring.security.oauth2.client.registration.esignon.scope", () -> "openid,email,profile");
        registry.add("spring.security.oauth2.client.provider.esignon.issuer-uri", () -> PROVIDER.issuer("default"));
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> PROVIDER.issuer("default"));
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> OidcProvider.AUDIENCE);
    }

    @Test
    void anOperatorSignsInWithTheProviderSeesTheTrailReplaysAndSignsOut() throws Exception {
        long parked = parkedDelivery();
        ChromeDriver browser = AdminTest.chromium();
        try {
            signIn(browser, "kim.operator", "{\"email\": \"kim@example.com\", \"roles\": [\"operator\"]}");
            assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("Signed in as kim@example.com (operator)");
            browser.findElement(By.linkText("20261103-000911")).click();
            assertThat(browser.findElement(By.id("exports")).getText()).contains("RT");
            browser.get(managementUri("/admin").toString());
            AdminTest.screenshot(browser, "admin-signed-in-operator.png");

            String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
            assertThat(send(HttpRequest.newBuilder(managementUri("/admin/replay")).header("Cookie", "JSESSIONID=" + session)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("subscriber=staff-chat&event=" + parked)).build()).statusCode())
                    .as("a forged form without the CSRF token").isEqualTo(403);
            assertThat(deliveries("staff-chat", "parked")).isEqualTo(1);

            browser.findElement(By.id("replay-staff-chat-" + parked)).click();
            assertThat(browser.findElement(By.id("replayed")).getText()).contains("Set 1 event(s) back to pending");

            browser.findElement(By.id("sign-out")).click();
            assertThat(browser.findElement(By.id("signed-out")).getText()).contains("signed out");
            assertThat(send(HttpRequest.newBuilder(managementUri("/admin")).header("Cookie", "JSESSIONID=" + session).build())
                    .statusCode()).as("the old session is gone: back to the provider").isEqualTo(302);
        } finally {
            browser.quit();
        }
        assertThat(audit()).as("every audit row this test causes").extracting(row -> row.get("who") + " " + row.get("role") + " " + row.get("action"))
                .containsExactly("kim@example.com operator sign_in", "kim@example.com operator replay",
                        "kim@example.com operator sign_out");
        assertThat(audit()).filteredOn(row -> "replay".equals(row.get("action")))
                .singleElement().satisfies(row -> assertThat(row.get("target")).isEqualTo("staff-chat event " + parked));
    }

    @Test
    void aViewerReadsButMayNotReplayAndSomeoneWithoutARoleIsToldWhomToAsk() throws Exception {
        long parked = parkedDelivery();
        postExport("{\"header\":{\"api_name\":\"export\"},\"body\":{\"wfuid\":\"\"}}");   // a rejected body to read
        ChromeDriver browser = AdminTest.chromium();
        try {
            signIn(browser, "auditor", "{\"email\": \"auditor@example.com\"}");   // a viewer by esignon.admin.viewers
            assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("Signed in as auditor@example.com (viewer)");
            assertThat(browser.findElement(By.id("parked-deliveries")).getText()).contains("staff-chat");
            assertThat(browser.findElement(By.id("rejected")).getText()).contains("is missing or empty");
            assertThat(browser.findElements(By.id("replay-staff-chat-" + parked))).as("no Replay button for a viewer").isEmpty();
            String csrf = browser.findElement(By.name("_csrf")).getAttribute("value");
            Cookie session = browser.manage().getCookieNamed("JSESSIONID");
            assertThat(send(HttpRequest.newBuilder(managementUri("/admin/replay")).header("Cookie", "JSESSIONID=" + session.getValue())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&subscriber=staff-chat&event=" + parked)).build())
                    .statusCode()).as("a viewer's replay").isEqualTo(403);
            assertThat(deliveries("staff-chat", "parked")).isEqualTo(1);
            browser.findElement(By.id("sign-out")).click();
            assertThat(browser.findElement(By.id("signed-out")).getText()).as("signed out before the next sign-in").contains("signed out");

            signIn(browser, "stranger", "{\"email\": \"stranger@example.com\"}");
            assertThat(browser.findElement(By.id("denied")).getText()).contains("stranger@example.com").contains("it-help@example.com");
            AdminTest.screenshot(browser, "admin-no-role.png");
        } finally {
            browser.quit();
        }
        assertThat(audit()).as("every audit row this test causes").extracting(row -> row.get("who") + " " + row.get("role") + " " + row.get("action"))
                .containsExactly("auditor@example.com viewer sign_in", "auditor@example.com viewer read_rejected",
                        "auditor@example.com viewer denied", "auditor@example.com viewer sign_out",
                        "stranger@example.com none sign_in", "stranger@example.com none denied");
        assertThat(audit()).filteredOn(row -> "denied".equals(row.get("action"))).extracting(row -> row.get("target"))
                .containsExactly("POST /admin/replay", "GET /admin");
    }

    @Test
    void scriptsCallTheApiWithTheProvidersTokensAndNothingElse() {
        String operator = PROVIDER.token("default", "operator");
        String viewer = PROVIDER.token("default", "viewer");

        assertThat(api("GET", "/admin/api/subscribers", viewer).statusCode()).isEqualTo(200);
        assertThat(api("POST", "/admin/api/subscribers/staff-chat/replay-parked", viewer).statusCode()).as("a viewer's replay").isEqualTo(403);
        assertThat(api("POST", "/admin/api/subscribers/staff-chat/replay-parked", operator).statusCode()).isEqualTo(200);

        String[] parts = operator.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[256]);
        Map<String, String> refused = Map.of(
                "another issuer", PROVIDER.token("other", "operator"),
                "another audience", PROVIDER.token("default", "other-audience"),
                "expired", PROVIDER.token("default", "expired"),
                "a forged signature", forged,
                "the admin token (no token-fallback with a provider)", TOKEN);
        refused.forEach((kind, token) -> assertThat(api("GET", "/admin/api/subscribers", token).statusCode()).as(kind).isEqualTo(401));

        assertThat(audit()).filteredOn(row -> "sign_in_failed".equals(row.get("action"))).hasSize(refused.size());
        for (Map<String, Object> row : audit()) {
            String text = row.toString();
            assertThat(text).doesNotContain(parts[2]).doesNotContain(parts[1]).doesNotContain(OidcProvider.CLIENT_SECRET).doesNotContain(TOKEN);
        }
        assertThat(audit()).as("every audit row this test causes").extracting(row -> row.get("who") + " " + row.get("action"))
                .containsExactly("report-script denied", "deploy-script replay_parked", "- sign_in_failed", "- sign_in_failed",
                        "- sign_in_failed", "- sign_in_failed", "- sign_in_failed");
    }

    /** An export whose staff-chat delivery (AdminTest's staff route) is parked, its cause then removed. */
    private long parkedDelivery() throws Exception {
        AdminTest.blockOutbox();
        long id = json(postExport(sample("03-reject.json"))).get("id").asLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("staff-chat", "parked") == 1);
        AdminTest.unblockOutbox();
        return id;
    }

    private void signIn(ChromeDriver browser, String user, String claims) {
        browser.get(managementUri("/admin").toString());
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("claims")).sendKeys(claims);
        browser.findElement(By.cssSelector("input[type=submit]")).click();
    }

    private List<Map<String, Object>> audit() {
        return jdbc.queryForList("SELECT who, role, action, target, address, detail FROM admin_audit ORDER BY id");
    }

    private HttpResponse<String> api(String method, String path, String token) {
        return send(HttpRequest.newBuilder(managementUri(path)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

}
