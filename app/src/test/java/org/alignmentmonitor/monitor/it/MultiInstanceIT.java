package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.embedded.EmbeddedKafkaBroker;
import org.alignmentmonitor.monitor.registry.EmbeddedSchemaRegistry;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.monitor.runtime.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One monitor split into roles, as the Helm chart deploys it: two streams instances share the
 * topology and each answers every question, fetching from the other the versions whose statistics
 * it does not hold; a judges, a review and an alerts process do their part beside them.
 */
class MultiInstanceIT {

    @TempDir
    Path tmp;

    @Test
    void shouldAnswerForEveryVersionFromEitherInstance() throws Exception {
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(tmp.resolve("cluster"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), 0);
             MonitorRuntime first = instance(cluster, registry, "a", Role.STREAMS);
             MonitorRuntime second = instance(cluster, registry, "b", Role.STREAMS);
             MonitorRuntime judges = instance(cluster, registry, "j", Role.JUDGES);
             MonitorRuntime review = instance(cluster, registry, "r", Role.REVIEW);
             MonitorRuntime alerts = instance(cluster, registry, "l", Role.ALERTS)) {
            awaitBothRunning(first, second);
            PipelineDriver viaFirst = new PipelineDriver(first);
            PipelineDriver viaSecond = new PipelineDriver(second);
            viaFirst.replay(SharedTraffic.files());
            awaitTotal(viaSecond, SharedTraffic.VERSIONS * (long) SharedTraffic.LINES_PER_FILE);

            assertThat(first.streamsApp().stores().localVersionTotals()).isNotEmpty();
            assertThat(second.streamsApp().stores().localVersionTotals()).isNotEmpty();
            for (PipelineDriver driver : new PipelineDriver[] {viaFirst, viaSecond}) {
                Map<String, Long> counts = driver.interactionsPerVersion();
                assertThat(counts).hasSize(SharedTraffic.VERSIONS);
                assertThat(counts.values()).containsOnly((long) SharedTraffic.LINES_PER_FILE);
                for (String version : counts.keySet()) {
                    String[] mv = version.split(":", 2);
                    JsonNode rate = driver.http.getOk("/api/v1/rates?model=" + mv[0] + "&version=" + mv[1]);
                    assertThat(rate.path("interactions").asLong()).isEqualTo(SharedTraffic.LINES_PER_FILE);
                }
            }
            assertRolesDoTheirPart(judges, review, alerts);
        }
    }

    /** Each worker role is healthy, serves only its own routes, and has done its work on the replayed traffic. */
    private static void assertRolesDoTheirPart(MonitorRuntime judges, MonitorRuntime review, MonitorRuntime alerts) throws Exception {
        for (MonitorRuntime worker : new MonitorRuntime[] {judges, review, alerts}) {
            MonitorHttp http = new MonitorHttp(worker.api().port());
            assertThat(http.getOk("/ready").path("ready").asBoolean()).isTrue();
            assertThat(http.get("/api/v1/versions").status()).as("only streams processes answer statistics").isEqualTo(404);
            assertThat(worker.streamsApp()).isNull();
        }
        MonitorHttp judgesHttp = new MonitorHttp(judges.api().port());
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            JsonNode health = judgesHttp.getOk("/health");
            assertThat(health.path("role").asText()).isEqualTo("judges");
            assertThat(tailRecords(judgesHttp, "judge-worker")).as("judge requests read by the judges process")
                    .isEqualTo(SharedTraffic.VERSIONS * (double) SharedTraffic.LINES_PER_FILE);
        });
        MonitorHttp reviewHttp = new MonitorHttp(review.api().port());
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(tailRecords(reviewHttp, "review-feed")).as("review tasks read by the review process").isPositive());
        JsonNode alertsHealth = new MonitorHttp(alerts.api().port()).getOk("/health");
        assertThat(alertsHealth.path("role").asText()).isEqualTo("alerts");
        assertThat(alertsHealth.path("tails").findValuesAsText("name")).contains("alert-feed");
    }

    /** A tail's record counter from the process's Prometheus text. */
    private static double tailRecords(MonitorHttp http, String tail) throws Exception {
        Matcher m = Pattern.compile("(?m)^alignment_monitor_tail_records_total\\{tail=\"" + tail + "\"} (\\S+)$")
                .matcher(http.getText("/metrics"));
        assertThat(m.find()).as("metric for tail " + tail).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static MonitorRuntime instance(EmbeddedKafkaBroker cluster, EmbeddedSchemaRegistry registry, String name, Role role)
            throws Exception {
        Map<String, String> settings = Map.of(
                "monitor.judges.learned.enabled", "true",
                "bootstrap.servers", cluster.bootstrapServers(),
                "schema.registry.url", registry.url(),
                "monitor.data.dir", cluster.dataDir().resolveSibling(name).toString(),
                "monitor.http.port", "0",
                "monitor.topics.partitions", "4",
                "monitor.streams.commit.interval", "200ms");
        MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()));
        return runtime.startProcessing(ClassifierSuite.defaults(), role);
    }

    /** A second member joining triggers a rebalance: wait until both hold their tasks again. */
    private static void awaitBothRunning(MonitorRuntime first, MonitorRuntime second) throws InterruptedException {
        first.streamsApp().awaitRunning(Duration.ofMinutes(2));
        second.streamsApp().awaitRunning(Duration.ofMinutes(2));
    }

    /** Either instance's answer counts every version; fails at the deadline with the last totals seen. */
    private static void awaitTotal(PipelineDriver driver, long expected) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(driver.interactionsPerVersion().values().stream().mapToLong(Long::longValue).sum())
                        .as("interactions counted over all versions").isEqualTo(expected));
    }
}
