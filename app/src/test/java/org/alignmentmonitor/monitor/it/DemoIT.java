package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.alignmentmonitor.monitor.browser.HeadlessChromium;
import org.alignmentmonitor.monitor.embedded.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code ./monitor demo} as shipped, in its own JVM: its built-in regression must page exactly once,
 * for the regressed version, within two minutes of the regression starting, and show on the
 * dashboard (checked in headless Chromium, screenshot in target/), in /metrics and at the webhook receiver.
 */
class DemoIT {

    private static final Duration PAGE_WITHIN = Duration.ofMinutes(2);

    @TempDir
    Path tmp;

    @Test
    void shouldPageOnceForTheRegressedVersionAndShowItEverywhere() throws Exception {
        int port = Ports.free();
        Process demo = ChildMonitor.start(tmp.resolve("demo.out"), tmp.resolve("demo.err"), List.of(
                "demo", "--data-dir", tmp.resolve("data").toString(), "--http-port", String.valueOf(port),
                "--duration", "6m", "--print-every", "60s"));
        try {
            long regressionStart = awaitRegressionAnnounced(demo);
            MonitorHttp http = new MonitorHttp(port);
            JsonNode firing = awaitFiring(http, regressionStart + PAGE_WITHIN.toMillis() + 30_000);
            long pagedAfter = Instant.parse(firing.path("at").asText()).toEpochMilli() - regressionStart;
            System.out.printf("DemoIT: FIRING for %s %.1f s after the regression started%n", firing.path("alertId").asText(), pagedAfter / 1000.0);
            assertThat(firing.path("model").asText() + ":" + firing.path("version").asText()).isEqualTo("assistant:v3");
            assertThat(pagedAfter).as("paged within two minutes of the regression").isLessThanOrEqualTo(PAGE_WITHIN.toMillis());

            // Delivery and gauges follow the page within seconds.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(delivered(http)).containsExactly("flagged-rate/assistant:v3 FIRING");
                assertThat(http.getText("/metrics")).containsPattern(
                        "alignment_monitor_alert_firing\\{alert=\"flagged-rate/assistant:v3\",model=\"assistant\",rule=\"flagged-rate\",severity=\"critical\",version=\"v3\"} 1(\\.0)?");
            });
            // Exactly one page: no other alert may fire, nor a second page be delivered, for a while.
            await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(firingIds(http)).containsExactly("flagged-rate/assistant:v3");
                assertThat(delivered(http)).containsExactly("flagged-rate/assistant:v3 FIRING");
            });
            promtoolAccepts(http.getText("/metrics"));
            JsonNode learned = http.getOk("/api/v1/judges").path("learned");
            assertThat(learned.path("examplesSeen").asLong()).as("the learned classifier trains on the stand-in labeller's labels")
                    .isPositive();
            assertThat(learned.path("version").asText()).startsWith("lr-").doesNotStartWith("lr-0-");
            assertThat(learned.at("/calibration/heldBackLabels").asInt()).as("a fifth of the labels are held back").isPositive();
            assertThat(learned.at("/calibration/brier").asDouble(-1)).isBetween(0.0, 1.0);

            // A process certificate for the demo's training run (its decision depends on how far the run got).
            MonitorHttp.Response issued = http.post("/api/v1/certificates",
                    "{\"type\":\"process\",\"processId\":\"demo-rl-run\",\"threshold\":0.05,\"minLabels\":10}");
            assertThat(issued.status()).as("%s", issued.body()).isEqualTo(201);
            checkDashboard(port, issued.body().path("certificate"));
        } finally {
            demo.destroy();
            demo.waitFor();
        }
    }

    private void checkDashboard(int port, JsonNode processCertificate) throws Exception {
        assumeTrue(HeadlessChromium.available(), "chromium and chromedriver are not installed (.ci/run installs them)");
        ChromeDriver browser = HeadlessChromium.start();
        try {
            browser.get("http://127.0.0.1:" + port + "/");
            // The four versions of the synthetic traffic, plus the checkpoints of the demo's training run.
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> b.findElements(By.cssSelector(
                    "[data-model='assistant'] [data-version], [data-model='coder'] [data-version]")).size() == 4);
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> !b.findElements(By.cssSelector("li.FIRING[data-alert]")).isEmpty());
            assertThat(browser.findElement(By.cssSelector("li.FIRING")).getText()).contains("assistant:v3").contains("flagged-rate");
            assertThat(browser.findElement(By.cssSelector("[data-version='assistant:v3']")).getAttribute("class")).contains("firing");
            assertThat(browser.findElements(By.cssSelector("[data-model='assistant'] [data-version] polygon[data-band='flagged']"))).hasSize(3);
            assertThat(browser.findElements(By.cssSelector("[data-model='assistant'] [data-version] .tick")))
                    .as("time axes carry labels").isNotEmpty();
            screenshot(browser, "dashboard-demo.png");

            // The certificates list names a process certificate by its process, with its decision and claim.
            By row = By.cssSelector("#certificates tr[data-certificate='" + processCertificate.path("id").asText() + "']");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> !b.findElements(row).isEmpty());
            assertThat(browser.findElement(row).getAttribute("data-type")).isEqualTo("process");
            assertThat(browser.findElement(row).getText()).contains("process demo-rl-run")
                    .contains(processCertificate.path("decision").asText()).contains("P(run fails) < 5.00%");

            // The training run in checkpoint mode: its scorecard, and rates and judge agreement against the step.
            browser.findElement(By.cssSelector("[data-process='demo-rl-run'] a")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> b.findElements(By.cssSelector("#agreement tbody tr")).size() >= 3
                    && !b.findElements(By.cssSelector("#agreement-chart polygon")).isEmpty());
            assertThat(browser.findElement(By.id("process-id")).getText()).isEqualTo("demo-rl-run");
            assertThat(browser.findElements(By.cssSelector("#runs td.run"))).isNotEmpty();
            assertThat(browser.findElement(By.cssSelector("#rate-chart svg")).getText()).contains("training step");
            browser.manage().window().setSize(new Dimension(1400, 2100));  // the whole process page in one picture
            screenshot(browser, "process-demo.png");
        } finally {
            browser.quit();
        }
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        Path target = Path.of("target", name);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("DemoIT: screenshot at " + target.toAbsolutePath());
    }

    /** Prometheus' own linter, where installed (.ci/run installs it): no naming complaint at all. */
    private void promtoolAccepts(String metrics) throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            System.out.println("DemoIT: promtool not installed; metric naming not linted");
            return;
        }
        Path input = tmp.resolve("metrics.txt");
        Files.writeString(input, metrics);
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(input.toFile())
                .redirectErrorStream(true).start();
        String complaints = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(complaints).isZero();
        assertThat(complaints).isBlank();
    }

    /** The demo prints the regression's schedule right after its generator starts. */
    private long awaitRegressionAnnounced(Process demo) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            String out = Files.exists(tmp.resolve("demo.out")) ? Files.readString(tmp.resolve("demo.out")) : "";
            Matcher m = Pattern.compile("regresses (\\d+) s after the start").matcher(out);
            if (m.find()) {
                return System.currentTimeMillis() + Long.parseLong(m.group(1)) * 1000;
            }
            assertThat(demo.isAlive()).as("demo exited: " + Files.readString(tmp.resolve("demo.err"))).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("the demo did not start within 2 minutes");
    }

    private static JsonNode awaitFiring(MonitorHttp http, long deadlineMillis) throws Exception {
        while (System.currentTimeMillis() < deadlineMillis) {
            MonitorHttp.Response r = http.get("/api/v1/alerts");
            for (JsonNode a : r.body().path("alerts")) {
                if (a.path("state").asText().equals("FIRING")) {
                    return a;
                }
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("no FIRING alert by the deadline");
    }

    private static List<String> firingIds(MonitorHttp http) throws Exception {
        List<String> firing = new ArrayList<>();
        for (JsonNode a : http.getOk("/api/v1/alerts").path("alerts")) {
            if (a.path("state").asText().equals("FIRING")) {
                firing.add(a.path("alertId").asText());
            }
        }
        return firing;
    }

    /** "alertId STATE" of every event the demo's webhook receiver got. */
    private static List<String> delivered(MonitorHttp http) throws Exception {
        List<String> delivered = new ArrayList<>();
        for (JsonNode r : http.getOk("/demo/webhook").path("received")) {
            delivered.add(r.at("/event/alertId").asText() + " " + r.at("/event/state").asText());
        }
        return delivered;
    }
}
