package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.alignmentmonitor.monitor.embedded.EmbeddedKafkaBroker;
import org.alignmentmonitor.monitor.registry.EmbeddedSchemaRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code run} path on a cluster the monitor did not start (here a separate in-process broker
 * and registry): it must use them and start neither a broker nor a registry of its own.
 */
class ExternalClusterIT {

    @TempDir
    Path tmp;

    @Test
    void shouldCountTheSharedTrafficOnAClusterItDidNotStart() throws Exception {
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(tmp.resolve("cluster"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), 0)) {
            PipelineDriver.assertSampleCountedOnConfiguredCluster(cluster.bootstrapServers(), registry.url(), tmp.resolve("monitor"));
        }
        assertThat(tmp.resolve("monitor").resolve("kafka")).doesNotExist();
    }
}
