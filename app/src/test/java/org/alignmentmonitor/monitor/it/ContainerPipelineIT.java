package org.alignmentmonitor.monitor.it;

import java.nio.file.Path;

import org.alignmentmonitor.monitor.registry.EmbeddedSchemaRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same pipeline against the official {@code apache/kafka} image, as users of Testcontainers
 * expect. Skipped where no Docker engine runs (as on the project's CI); {@link ExternalClusterIT}
 * covers the same path there with an in-process broker.
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
            PipelineDriver.assertSampleCountedOnConfiguredCluster(KAFKA.getBootstrapServers(), registry.url(), dataDir);
        }
    }
}
