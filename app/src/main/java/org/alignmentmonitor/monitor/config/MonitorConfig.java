package org.alignmentmonitor.monitor.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.alignmentmonitor.monitor.review.ReviewSettings;
import org.alignmentmonitor.streams.topology.TopicNames;

/**
 * Everything one monitor instance needs to run. {@code kafka} is every Kafka client setting
 * (bootstrap.servers, security.protocol, sasl.*, ssl.*, consumer./producer./admin. prefixes...)
 * passed through as given; {@code registry} the schema registry client settings.
 */
public record MonitorConfig(
        Path dataDir,
        String applicationId,
        TopicNames topics,
        int partitions,
        short replication,
        String httpHost,
        int httpPort,
        String advertisedHost,
        int streamThreads,
        Duration commitInterval,
        Duration dedupHorizon,
        Duration flushInterval,
        Map<String, String> kafka,
        Map<String, String> registry,
        ReviewSettings review) {

    public MonitorConfig {
        kafka = Map.copyOf(kafka);
        registry = Map.copyOf(registry);
        if (partitions < 1 || partitions > 1000) {
            throw new IllegalArgumentException("monitor.topics.partitions must be 1..1000, got " + partitions);
        }
        if (replication < 1) {
            throw new IllegalArgumentException("monitor.topics.replication must be >= 1, got " + replication);
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("monitor.http.port must be 0..65535, got " + httpPort);
        }
    }

    /** The configured cluster, or empty for the embedded single-node default. */
    public Optional<String> bootstrapServers() {
        return Optional.ofNullable(kafka.get("bootstrap.servers")).filter(s -> !s.isBlank());
    }

    public MonitorConfig withKafka(Map<String, String> newKafka) {
        return new MonitorConfig(dataDir, applicationId, topics, partitions, replication, httpHost, httpPort, advertisedHost,
                streamThreads, commitInterval, dedupHorizon, flushInterval, newKafka, registry, review);
    }

    public MonitorConfig withRegistry(Map<String, String> newRegistry) {
        return new MonitorConfig(dataDir, applicationId, topics, partitions, replication, httpHost, httpPort, advertisedHost,
                streamThreads, commitInterval, dedupHorizon, flushInterval, kafka, newRegistry, review);
    }
}
