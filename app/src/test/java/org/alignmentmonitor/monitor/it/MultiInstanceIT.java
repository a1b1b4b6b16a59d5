package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.embedded.EmbeddedKafkaBroker;
import org.alignmentmonitor.monitor.registry.EmbeddedSchemaRegistry;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two monitor instances of one application share the work; each answers every question, fetching
 * from the other the versions whose statistics it does not hold.
 */
class MultiInstanceIT {

    @TempDir
    Path tmp;

    @Test
    void shouldAnswerForEveryVersionFromEitherInstance() throws Exception {
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(tmp.resolve("cluster"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), 0);
             MonitorRuntime first = instance(cluster, registry, "a");
             MonitorRuntime second = instance(cluster, registry, "b")) {
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
        }
    }

    private static MonitorRuntime instance(EmbeddedKafkaBroker cluster, EmbeddedSchemaRegistry registry, String name) throws Exception {
        Map<String, String> settings = Map.of(
                "bootstrap.servers", cluster.bootstrapServers(),
                "schema.registry.url", registry.url(),
                "monitor.data.dir", cluster.dataDir().resolveSibling(name).toString(),
                "monitor.http.port", "0",
                "monitor.topics.partitions", "4",
                "monitor.streams.commit.interval", "200ms");
        MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()));
        return runtime.startProcessing(ClassifierSuite.defaults());
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
