package org.esignonbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.esignonbridge.delivery.Deliveries;
import org.esignonbridge.support.AdminSession;
import org.esignonbridge.support.Chromium;
import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.slf4j.LoggerFactory;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

/** The admin API and page on the management port, behind their own token, tried with curl's eyes and in Chromium. */
@OnEveryDatabase
@TestPropertySource(properties = {"esignon.admin.token=" + AdminTest.TOKEN, AdminTest.STAFF_ROUTE})
class AdminTest extends ProductTest {

    static final String TOKEN = "admin-token-5c1e9b";
    /** The routes with the staff route below: AdminHardeningTest and AdminSignOnTest load it too. */
    static final String STAFF_ROUTE = "camel.main.routes-include-pattern=file:routes/*.yaml,file:target/admin-test${test.fork:}/routes/*.yaml";
    static final Path SCREENSHOTS = Path.of("target/admin-screenshots");
    /** A staff route writing each accepted export to a folder; a plain file in the folder's place makes it fail. */
    static final Path OUTBOX = staffRoute();


    @Test
    void theApiAnswersOnlyTheAdminTokenAndOnlyOnTheManagementPort() {
        postExport(sample("01-approve-playing.json"));

        assertThat(api("/admin/api/contracts/20261102-000173", null).statusCode()).isEqualTo(401);
        assertThat(api("/admin/api/contracts/20261102-000173", "wrong").statusCode()).isEqualTo(401);
        assertThat(api("/admin/api/contracts/20261102-000173", SECRET).statusCode()).isEqualTo(401);
        assertThat(api("/admin/api/contracts/20261102-000173", TOKEN).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/admin/api/contracts/20261102-000173"))
                .header("Authorization", "Bearer " + TOKEN).build()).statusCode()).isEqualTo(404);
    }

    @Test
    void aLimitOrDaysThatIsNotANumberIsTheCallersMistake() {
        assertThat(api("/admin/api/rejected?limit=lots", TOKEN).statusCode()).isEqualTo(400);
        assertThat(api("/admin/api/contracts?days=x", TOKEN).statusCode()).isEqualTo(400);
        assertThat(api("/admin/api/rejected?limit=-5", TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void theTrailOfAContractListsItsExportsWithParamsAndTheirDeliveries() {
        long first = json(postExport(sample("01-approve-playing.json"))).get("id").asLong();
        long second = json(postExport(sample("02-approve-complete.json"))).get("id").asLong();
        postExport(sample("03-reject.json"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(stateOf("staff-chat", second)));

        JsonNode trail = json(api("/admin/api/contracts/20261102-000173", TOKEN));

        assertThat(trail.get("wfuid").asText()).isEqualTo("20261102-000173");
        assertThat(trail.get("exports")).extracting(e -> e.get("id").asLong()).containsExactly(first, second);
        assertThat(trail.at("/exports/1/status").asText()).isEqualTo("Complete");
        assertThat(trail.at("/exports/1/params").size()).isEqualTo(2);
        assertThat(trail.at("/exports/1/deliveries")).extracting(d -> d.get("subscriber").asText()).contains("archive", "staff-chat");
        assertThat(trail.at("/exports/1/deliveries")).as("the staff route's delivery, done")
                .filteredOn(d -> d.get("subscriber").asText().equals("staff-chat")).extracting(d -> d.get("state").asText())
                .containsExactly("delivered");
        assertThat(trail.at("/exports/1/files").isArray()).isTrue();
        assertThat(json(api("/admin/api/contracts", TOKEN))).extracting(c -> c.get("wfuid").asText())
                .containsExactly("20261103-000911", "20261102-000173");
    }

    @Test
    void rejectedBodiesComeNewestFirstWithSecretsRedacted() {
        postExport("{\"header\":{\"api_name\":\"export\"},\"body\":{\"first\":true}}");
        postExport("{\"header\":{\"api_name\":\"export\",\"authorization\":\"" + SECRET + "\"},\"body\":{"
                + "\"play_url\":\"https://docs.esignon.net/play?token=abcdEFGH1234secret\",\"note\":\"" + SECRET + "\"}}");

        JsonNode rejected = json(api("/admin/api/rejected", TOKEN));

        assertThat(rejected).hasSize(2);
        String newest = rejected.get(0).get("raw_body").asText();
        assertThat(newest).doesNotContain(SECRET).doesNotContain("EFGH1234secret")
                .contains("\"authorization\":\"[redacted]\"").contains("token=abcd…");
        assertThat(rejected.get(1).get("raw_body").asText()).contains("\"first\":true");
    }

    @Test
    void thePageShowsContractsTheTrailAndRejectedBodiesInABrowser() throws Exception {
        postExport(sample("01-approve-playing.json"));
        postExport(sample("02-approve-complete.json"));
        postExport(sample("04-embed-playing.json"));
        postExport("{\"header\":{\"api_name\":\"export\"},\"body\":{\"wfuid\":\"\"}}");

        ChromeDriver browser = chromium();
        try {
            browser.get("http://127.0.0.1:" + managementPort + "/admin");
            browser.findElement(By.id("token")).sendKeys("not the token");
            browser.findElement(By.id("sign-in")).click();
            assertThat(browser.findElement(By.id("wrong-token")).getText()).contains("not the admin token");

            browser.findElement(By.id("token")).sendKeys(TOKEN);
            browser.findElement(By.id("sign-in")).click();
            screenshot(browser, "admin-contracts.png");
            String contracts = browser.findElement(By.id("contracts")).getText();
            assertThat(contracts).contains("20261102-000173").contains("20261104-002310").contains("sheet").contains("hand-off");
            assertThat(browser.findElement(By.id("rejected")).getText()).contains("is missing or empty");
            assertThat(browser.findElement(By.id("parked")).isDisplayed()).isTrue();

            browser.findElement(By.linkText("20261102-000173")).click();
            String trail = browser.findElement(By.id("exports")).getText();
            assertThat(trail).contains("CF Playing").contains("CF Complete").contains("employee_no");
            screenshot(browser, "admin-trail.png");
        } finally {
            browser.quit();
        }
    }

    @Test
    void parkedDeliveriesAreListedWithTheirErrorAndReplayedThroughTheApiWithoutRedoingWhatSucceeded() throws Exception {
        blockOutbox();
        ListAppender<ILoggingEvent> engineLog = new ListAppender<>();
        engineLog.start();
        Logger engine = (Logger) LoggerFactory.getLogger(Deliveries.class);
        engine.addAppender(engineLog);
        long parked;
        try {
            parked = json(postExport(sample("01-approve-playing.json"))).get("id").asLong();
            await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("staff-chat", "parked") == 1);
        } finally {
            engine.detachAppender(engineLog);
        }
        assertThat(engineLog.list).as("the engine's line about the event carries its export id in the MDC").anySatisfy(line -> {
            assertThat(line.getFormattedMessage()).startsWith("Subscriber staff-chat parked event " + parked);
            assertThat(line.getMDCPropertyMap()).containsEntry("esignon-export-id", Long.toString(parked));
        });
        unblockOutbox();
        long delivered = json(postExport(sample("02-approve-complete.json"))).get("id").asLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("staff-chat", "delivered") == 1);
        Object deliveredAt = deliveredAt(delivered);

        JsonNode deliveries = json(api("/admin/api/subscribers/staff-chat/parked", TOKEN));
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.at("/0/event_id").asLong()).isEqualTo(parked);
        assertThat(deliveries.at("/0/wfuid").asText()).isEqualTo("20261102-000173");
        assertThat(deliveries.at("/0/last_error").asText()).isNotBlank();
        assertThat(json(api("/admin/api/subscribers", TOKEN))).anySatisfy(subscriber -> {
            assertThat(subscriber.get("name").asText()).isEqualTo("staff-chat");
            assertThat(subscriber.get("parked").asLong()).isEqualTo(1);
        });

        String replayAll = "/admin/api/subscribers/staff-chat/replay-parked";
        assertThat(post(replayAll, null, null).statusCode()).isEqualTo(401);
        assertThat(AdminSession.signIn(managementUri(""), TOKEN).post(replayAll, "", false).statusCode())
                .as("a POST riding on the page's cookie alone is refused").isEqualTo(403);
        HttpResponse<String> replayed = post(replayAll, TOKEN, null);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(json(replayed).get("replayed").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("staff-chat", "delivered") == 2);
        assertThat(deliveredAt(delivered)).as("what succeeded is not sent again").isEqualTo(deliveredAt);
        assertThat(Files.list(OUTBOX).count()).isEqualTo(2);
        assertThat(post("/admin/api/subscribers/staff-chat/deliveries/" + parked + "/replay", TOKEN, null).statusCode()).isEqualTo(200);
        assertThat(post("/admin/api/subscribers/staff-chat/deliveries/999999/replay", TOKEN, null).statusCode()).isEqualTo(409);
    }

    @Test
    void thePageShowsAParkedDeliveryWithItsErrorAndItsReplayButtonDeliversIt() throws Exception {
        blockOutbox();
        long id = json(postExport(sample("03-reject.json"))).get("id").asLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("staff-chat", "parked") == 1);

        AdminSession session = AdminSession.signIn(managementUri(""), TOKEN);
        assertThat(session.post("/admin/replay", "subscriber=staff-chat&event=" + id, false).statusCode())
                .as("the page's form without its CSRF value").isEqualTo(403);
        assertThat(deliveries("staff-chat", "parked")).isEqualTo(1);

        ChromeDriver browser = chromium();
        try {
            signIn(browser);
            String parkedDeliveries = browser.findElement(By.id("parked-deliveries")).getText();
            assertThat(parkedDeliveries).contains("staff-chat").contains("20261103-000911").contains(Long.toString(id));
            assertThat(browser.findElement(By.id("contracts")).getText()).contains("staff-chat: parked");
            screenshot(browser, "admin-parked.png");

            unblockOutbox();   // the cause removed
            browser.findElement(By.id("replay-staff-chat-" + id)).click();
            assertThat(browser.findElement(By.id("replayed")).getText()).contains("Set 1 event(s) back to pending");
            await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("staff-chat", "delivered") == 1);

            browser.get("http://127.0.0.1:" + managementPort + "/admin");
            assertThat(browser.findElement(By.id("parked-deliveries")).getText()).contains("None");
            assertThat(browser.findElement(By.id("contracts")).getText()).contains("staff-chat: delivered");
            screenshot(browser, "admin-replayed.png");
        } finally {
            browser.quit();
        }
    }

    private void signIn(ChromeDriver browser) {
        browser.get("http://127.0.0.1:" + managementPort + "/admin");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("sign-in")).click();
    }

    private String stateOf(String subscriber, long exportId) {
        return jdbc.queryForObject("SELECT state FROM delivery WHERE subscriber = ? AND export_id = ?", String.class, subscriber, exportId);
    }

    private Object deliveredAt(long exportId) {
        return jdbc.queryForObject("SELECT delivered_at FROM delivery WHERE subscriber = 'staff-chat' AND event_id = ?", Object.class, exportId);
    }

    private HttpResponse<String> post(String path, String token, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    static void blockOutbox() throws IOException {
        FileSystemUtils.deleteRecursively(OUTBOX);
        Files.writeString(OUTBOX, "not a folder");
    }

    static void unblockOutbox() throws IOException {
        Files.delete(OUTBOX);
        Files.createDirectories(OUTBOX);
    }

    private static Path staffRoute() {
        try {
            Path routes = Files.createDirectories(folder("admin-test").resolve("routes"));
            Path outbox = folder("admin-test").resolve("chat-outbox").toAbsolutePath();
            FileSystemUtils.deleteRecursively(outbox);
            Files.createDirectories(outbox);
            Files.writeString(routes.resolve("staff-chat.camel.yaml"), """
                    - route:
                        id: staff-chat
                        description: Post every accepted export to the staff chat's outbox folder
                        from:
                          uri: kamelet:esignon-events
                          parameters: {event: export-accepted, subscriber: staff-chat, max-attempts: 1, delay: 200ms}
                          steps:
                            - setBody: {simple: "${body[wfuid]}"}
                            - to: "file:%s?fileName=${header.EsignonExportId}.txt"
                    """.formatted(outbox));
            return outbox;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> api(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    static ChromeDriver chromium() {
        return Chromium.headless();
    }

    static void screenshot(ChromeDriver browser, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.move(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
