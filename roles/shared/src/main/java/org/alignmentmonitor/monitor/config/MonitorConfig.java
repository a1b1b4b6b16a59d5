package org.alignmentmonitor.monitor.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.classifiers.SuiteConfig;
import org.alignmentmonitor.monitor.access.AccessSettings;
import org.alignmentmonitor.streams.review.SamplingSettings;
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
        Duration bucketSize,
        AlertingConfig alerting,
        Map<String, String> kafka,
        Map<String, String> registry,
        ReviewSettings review,
        SamplingSettings sampling,
        JudgesConfig judges,
        SuiteConfig classifiers,
        CertificatesConfig certificates,
        AccessSettings access,
        IngestConfig ingest,
        OtlpSettings otlp) {

    public MonitorConfig {
        kafka = Map.copyOf(kafka);
        registry = Map.copyOf(registry);
        if (partitions < 1 || partitions > 1000) {
            throw new IllegalArgumentException("monitor.topics.partitions must be 1..1000, got " + partitions);
        }
        if (replication < 1) {
            throw new IllegalArgumentException("monitor.topics.replication must be >= 1, got " + replication);
        }
        if (bucketSize.toMillis() < 1000 || Duration.ofHours(1).toMillis() % bucketSize.toMillis() != 0) {
            throw new IllegalArgumentException("monitor.bucket.size must be at least 1s and divide an hour evenly, got " + bucketSize);
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("monitor.http.port must be 0..65535, got " + httpPort);
        }
    }

    /** The configured classifiers, built from the providers on the class path (unknown ids fail here, listing the known ones). */
    public ClassifierSuite classifierSuite() {
        return ClassifierSuite.fromConfig(classifiers);
    }

    /** The configured cluster, or empty for the embedded single-node default. */
    public Optional<String> bootstrapServers() {
        return Optional.ofNullable(kafka.get("bootstrap.servers")).filter(s -> !s.isBlank());
    }

    public MonitorConfig withKafka(Map<String, String> newKafka) {
        return new MonitorConfig(dataDir, applicationId, topics, partitions, replication, httpHost, httpPort, advertisedHost,
                streamThreads, commitInterval, dedupHorizon, flushInterval, bucketSize, alerting, newKafka, registry, review, sampling, judges, classifiers, certificates, access, ingest, otlp);
    }

    public MonitorConfig withAlerting(AlertingConfig newAlerting) {
        return new MonitorConfig(dataDir, applicationId, topics, partitions, replication, httpHost, httpPort, advertisedHost,
                streamThreads, commitInterval, dedupHorizon, flushInterval, bucketSize, newAlerting, kafka, registry, review, sampling, judges, classifiers, certificates, access, ingest, otlp);
    }

    public MonitorConfig withBucketSize(Duration newBucketSize) {
        return new MonitorConfig(dataDir, applicationId, topics, partitions, replication, httpHost, httpPort, advertisedHost,
                streamThreads, commitInterval, dedupHorizon, flushInterval, newBucketSize, alerting, kafka, registry, review, sampling, judges, classifiers, certificates, access, ingest, otlp);
    }

    public MonitorConfig withSampling(SamplingSettings newSampling) {
        return new MonitorConfig(dataDir, applicationId, topics, partitions, replication, httpHost, httpPort, advertisedHost,
                streamThreads, commitInterval, dedupHorizon, flushInterval, bucketSize, alerting, kafka, registry, review, newSampling, judges, classifiers, certificates, access, ingest, otlp);
    }

    public MonitorConfig withJudges(JudgesConfig newJudges) {
        return new MonitorConfig(dataDir, applicationId, topics, partitions, replication, httpHost, httpPort, advertisedHost,
                streamThreads, commitInterval, dedupHorizon, flushInterval, bucketSize, alerting, kafka, registry, review, sampling, newJudges, classifiers, certificates, access, ingest, otlp);
    }

    public MonitorConfig withIngest(IngestConfig newIngest) {
        return new MonitorConfig(dataDir, applicationId, topics, partitions, replication, httpHost, httpPort, advertisedHost,
                streamThreads, commitInterval, dedupHorizon, flushInterval, bucketSize, alerting, kafka, registry, review, sampling, judges, classifiers, certificates, access, newIngest, otlp);
    }

    public MonitorConfig withOtlp(OtlpSettings newOtlp) {
        return new MonitorConfig(dataDir, applicationId, topics, partitions, replication, httpHost, httpPort, advertisedHost,
                streamThreads, commitInterval, dedupHorizon, flushInterval, bucketSize, alerting, kafka, registry, review, sampling, judges, classifiers, certificates, access, ingest, newOtlp);
    }

    public MonitorConfig withRegistry(Map<String, String> newRegistry) {
        return new MonitorConfig(dataDir, applicationId, topics, partitions, replication, httpHost, httpPort, advertisedHost,
                streamThreads, commitInterval, dedupHorizon, flushInterval, bucketSize, alerting, kafka, newRegistry, review, sampling, judges, classifiers, certificates, access, ingest, otlp);
    }
}
