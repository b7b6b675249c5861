package org.esignonbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.test.context.TestPropertySource;

/** The admin API and page on the management port, behind their own token, tried with curl's eyes and in Chromium. */
@TestPropertySource(properties = "esignon.admin.token=" + AdminTest.TOKEN)
class AdminTest extends ProductTest {

    static final String TOKEN = "admin-token-5c1e9b";
    static final Path SCREENSHOTS = Path.of("target/admin-screenshots");


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
    void theTrailOfAContractListsItsExportsWithParamsAndAPlaceForDeliveries() {
        long first = json(postExport(sample("01-approve-playing.json"))).get("id").asLong();
        long second = json(postExport(sample("02-approve-complete.json"))).get("id").asLong();
        postExport(sample("03-reject.json"));

        JsonNode trail = json(api("/admin/api/contracts/20261102-000173", TOKEN));

        assertThat(trail.get("wfuid").asText()).isEqualTo("20261102-000173");
        assertThat(trail.get("exports")).extracting(e -> e.get("id").asLong()).containsExactly(first, second);
        assertThat(trail.at("/exports/1/status").asText()).isEqualTo("Complete");
        assertThat(trail.at("/exports/1/params").size()).isEqualTo(2);
        assertThat(trail.at("/exports/1/deliveries").isArray()).isTrue();
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

    private HttpResponse<String> api(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** Debian's chromium and chromium-driver (.ci/run installs them), headless. */
    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.move(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
