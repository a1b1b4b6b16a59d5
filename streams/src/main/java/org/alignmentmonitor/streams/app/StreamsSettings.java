package org.alignmentmonitor.streams.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the monitor's Streams client runs. {@code kafka} holds every other Kafka client setting
 * (security, SASL, SSL...) and is passed through unchanged, prefixed settings included.
 */
public record StreamsSettings(
        String applicationId,
        String bootstrapServers,
        Path stateDir,
        int streamThreads,
        Duration commitInterval,
        long cacheMaxBytes,
        String applicationServer,
        Map<String, String> kafka) {

    public StreamsSettings {
        if (applicationId == null || !applicationId.matches("[a-zA-Z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("invalid application id '" + applicationId + "'");
        }
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap.servers is required");
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("stream threads must be >= 1, got " + streamThreads);
        }
        kafka = Map.copyOf(kafka);
    }

    public StreamsSettings withApplicationServer(String hostPort) {
        return new StreamsSettings(applicationId, bootstrapServers, stateDir, streamThreads, commitInterval,
                cacheMaxBytes, hostPort, kafka);
    }

    public static StreamsSettings defaults(String bootstrapServers, Path stateDir) {
        return new StreamsSettings("alignment-monitor", bootstrapServers, stateDir, 1, Duration.ofSeconds(1),
                64L * 1024 * 1024, null, Map.of());
    }
}
