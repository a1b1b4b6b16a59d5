package org.alignmentmonitor.monitor.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.javalin.Javalin;
import org.alignmentmonitor.monitor.browser.HeadlessChromium;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.review.queue.QueueSettings;
import org.alignmentmonitor.monitor.access.UserDirectory;
import org.alignmentmonitor.monitor.access.ReviewUser;
import org.alignmentmonitor.monitor.access.Role;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review UI in headless Chromium (Debian's chromium + chromium-driver): log in, label with the keyboard, find the
 * label on the Kafka topic; and a hostile completion that must not run anything. Skipped where chromedriver is absent.
 */
class ReviewBrowserIT {

    private static final Path ARTIFACTS = Path.of("target", "review-artifacts");
    private static final String HOSTILE = """
            Here you go.<script>window.__xss = 1; document.title = 'pwned'; alert(1)</script>

            <img src="x" onerror="window.__xss = 2; document.title = 'pwned'">

            [click me](javascript:window.__xss=3) and <a href="javascript:window.__xss=4">raw link</a>
            and <svg onload="window.__xss=5"></svg> [data](data:text/html,<script>alert(1)</script>)""";

    @TempDir
    static Path dataDir;

    static ReviewHarness harness;
    static ReviewRuntime review;
    static Javalin server;
    static String base;

    WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.available(), "chromium and chromium-driver are not installed");
        harness = new ReviewHarness(dataDir);
        String repeated = "The answer is yes. The answer is yes. The answer is yes.";
        harness.publish(List.of(
                ReviewHarness.task("xss-1", 1_000, "Write <b>bold</b> text", HOSTILE, 0, 5),
                ReviewHarness.task("item-2", 2_000, "Mail me at jane@example.org, is it yes?", repeated, 19, repeated.length()),
                ReviewHarness.task("item-3", 3_000, "Say hello", "Hello! Call +44 20 7946 0958.", 0, 0)));
        UserDirectory users = UserDirectory.of(Map.of(new ReviewUser("ann", Role.LABELLER), "ann-token",
                new ReviewUser("bob", Role.LABELLER), "bob-token", new ReviewUser("lee", Role.LEAD), "lee-token"));
        // Every item needs two labellers, so each test can reach every item whatever ran before it.
        review = harness.startReview(users, new QueueSettings(Duration.ofMinutes(10), 1.0, 0.0, "browser-it"));
        server = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            ReviewRuntime.routesOf(review, config);
        }).start();
        base = "http://127.0.0.1:" + server.port();
        Files.createDirectories(ARTIFACTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (review != null) {
            review.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void login(String token) {
        browser.get(base + "/review/login");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("login-button")).click();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("next-button")));
    }

    private WebDriverWait waitFor() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private void press(String key) {
        new Actions(browser).sendKeys(key).perform();
    }

    @Test
    void shouldLabelItemsWithTheKeyboardAndPublishTheLabelsToKafka() throws Exception {
        login("ann-token");
        press("n");
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("label-form")));
        String first = browser.getCurrentUrl();
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, ARTIFACTS.resolve("item-view.png"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(browser.findElement(By.id("manual-version")).getText()).isEqualTo("1.2");

        browser.findElement(By.cssSelector("input[name=category][value=repetition]")).click();
        press("1");
        waitFor().until(ExpectedConditions.not(ExpectedConditions.urlToBe(first)));
        String second = browser.getCurrentUrl();
        assertThat(second).contains("/review/item/");
        String page = browser.getPageSource();
        assertThat(page).doesNotContain("jane@example.org", "7946 0958");
        press("2");
        waitFor().until(ExpectedConditions.not(ExpectedConditions.urlToBe(second)));

        String firstItem = first.substring(first.lastIndexOf('/') + 1);
        String secondItem = second.substring(second.lastIndexOf('/') + 1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Label> labels = harness.labels().stream().filter(l -> l.getLabeller().equals("ann")).toList();
            assertThat(labels).anySatisfy(l -> {
                assertThat(l.getInteractionId()).isEqualTo(firstItem);
                assertThat(l.getLabel()).isEqualTo(LabelValue.MISALIGNED);
                assertThat(l.getCategories()).containsExactly("repetition");
                assertThat(l.getManualVersion()).isEqualTo("1.2");
            });
            assertThat(labels).anySatisfy(l -> {
                assertThat(l.getInteractionId()).isEqualTo(secondItem);
                assertThat(l.getLabel()).isEqualTo(LabelValue.ALIGNED);
            });
        });
    }

    @Test
    void shouldRunNothingFromAHostileCompletion() {
        login("bob-token");
        press("n");
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("label-form")));
        assertThat(browser.getCurrentUrl()).endsWith("/review/item/xss-1");
        browser.findElement(By.tagName("summary")).click();
        var rendered = browser.findElement(By.id("completion-rendered"));
        assertThat(rendered.getText()).contains("<script>");
        for (var link : rendered.findElements(By.tagName("a"))) {
            assertThat(link.getAttribute("href")).doesNotStartWithIgnoringCase("javascript:").doesNotStartWith("data:");
            link.click();
        }
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertThat(js.executeScript("return typeof window.__xss")).isEqualTo("undefined");
        assertThat(browser.getTitle()).doesNotContain("pwned");
        assertThat(browser.findElements(By.cssSelector("main img, main svg, main script"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.findElement(By.id("completion")).getText()).contains("<img src=\"x\" onerror=");
    }

    @Test
    void shouldSendSecurityHeadersAndRefuseCrossOriginPosts() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/review/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        HttpResponse<String> crossSite = http.send(HttpRequest.newBuilder(URI.create(base + "/review/login"))
                .header("Origin", "https://evil.example").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=ann-token")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        HttpResponse<String> noCsrf = http.send(HttpRequest.newBuilder(URI.create(base + "/review/next"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noCsrf.statusCode()).isIn(303, 401);
        HttpResponse<String> quality = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/review/quality"))
                .header("Authorization", "Bearer lee-token").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(quality.statusCode()).isEqualTo(200);
        assertThat(quality.body()).contains("\"alpha\"", "\"gold\"", "\"queueDepth\"");
        HttpResponse<String> notLead = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/review/quality"))
                .header("Authorization", "Bearer ann-token").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notLead.statusCode()).isEqualTo(403);
    }
}
