package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.registry.EmbeddedSchemaRegistry;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same pipeline against the official {@code apache/kafka} image, as users of Testcontainers
 * expect. Skipped where no Docker engine runs (as on the project's CI); the in-process broker tests
 * cover the same ground there.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPipelineIT {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @TempDir
    Path dataDir;

    @Test
    void shouldCountTheSharedTrafficAgainstAContainerBroker() throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(KAFKA.getBootstrapServers(), 0)) {
            Map<String, String> settings = Map.of(
                    "bootstrap.servers", KAFKA.getBootstrapServers(),
                    "schema.registry.url", registry.url(),
                    "monitor.data.dir", dataDir.toString(),
                    "monitor.http.port", "0",
                    "monitor.streams.commit.interval", "200ms");
            try (MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()))
                    .startProcessing(ClassifierSuite.defaults())) {
                PipelineDriver pipeline = new PipelineDriver(runtime);
                pipeline.replay(SharedTraffic.files());
                Map<String, Long> counts = pipeline.interactionsPerVersion();
                assertThat(counts).hasSize(SharedTraffic.VERSIONS);
                assertThat(counts.values()).containsOnly((long) SharedTraffic.LINES_PER_FILE);
            }
        }
    }
}
