package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.connectors.KafkaRecordSink;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.alignmentmonitor.connectors.openai.OpenAiLogParser;
import org.alignmentmonitor.connectors.openai.ReplaySource;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.runtime.DeadLetterCounter;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import org.apache.kafka.common.TopicPartition;

/** Drives a running monitor as its users do: log files in, HTTP out. */
final class PipelineDriver {

    final MonitorRuntime runtime;
    final MonitorHttp http;

    PipelineDriver(MonitorRuntime runtime) {
        this.runtime = runtime;
        this.http = new MonitorHttp(runtime.api().port());
    }

    /** Replays files into the interactions topic and waits until the statistics reflect them. */
    void replay(List<Path> files) throws Exception {
        String topic = runtime.config().topics().interactions();
        Map<TopicPartition, Long> targets = new HashMap<>();
        try (KafkaRecordSink sink = new KafkaRecordSink(runtime.clientConfig(), topic, DeadLetterTopics.of(topic),
                runtime.topics().interactions().valueSerde().serializer())) {
            new ReplaySource(new OpenAiLogParser(ModelVersionRule.parse("model-string"), OpenAiLogParser.DEFAULT_MAX_LINE_BYTES,
                    Clock.systemUTC())).replay(files, sink);
            sink.flush();
            sink.lastOffsets().forEach((tp, offset) -> targets.put(tp, offset + 1));
        }
        runtime.catchUp().await(targets, Duration.ofMinutes(3));
    }

    /** "model:version" -> interactions, from {@code GET /api/v1/versions}. */
    Map<String, Long> interactionsPerVersion() throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (JsonNode v : http.getOk("/api/v1/versions").path("versions")) {
            counts.put(v.path("model").asText() + ":" + v.path("version").asText(), v.path("interactions").asLong());
        }
        return counts;
    }

    /**
     * The {@code run} path: a monitor given the address of a cluster and a registry it did not start
     * replays the sample; every version must count 805 interactions.
     */
    static void assertSampleCountedOnConfiguredCluster(String bootstrapServers, String registryUrl, Path dataDir) throws Exception {
        Map<String, String> settings = Map.of(
                "bootstrap.servers", bootstrapServers,
                "schema.registry.url", registryUrl,
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

    /** Committed records in the interactions dead-letter topic. */
    long deadLetters() {
        String topic = DeadLetterTopics.of(runtime.config().topics().interactions());
        return DeadLetterCounter.count(runtime.clientConfig(), List.of(topic)).getOrDefault(topic, 0L);
    }
}
