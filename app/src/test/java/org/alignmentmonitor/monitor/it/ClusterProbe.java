package org.alignmentmonitor.monitor.it;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import java.util.HashMap;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.monitor.runtime.CatchUp;
import org.alignmentmonitor.monitor.runtime.DeadLetterCounter;
import org.alignmentmonitor.monitor.runtime.MonitorTopicSpecs;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import org.alignmentmonitor.streams.topology.Names;
import org.alignmentmonitor.streams.topology.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/** What the cluster says about the monitor (default application id), read from outside its JVM. */
final class ClusterProbe {

    private static final String APPLICATION_ID = "alignment-monitor";

    private final Map<String, Object> clientConfig;

    ClusterProbe(String bootstrapServers) {
        this.clientConfig = Map.of("bootstrap.servers", bootstrapServers);
    }

    /**
     * Waits until the application committed its input up to {@code targets} and nothing is left in
     * its repartition topic. Pending partials live in the monitor's memory, out of sight here; the
     * check holds twice a commit apart, which outlasts the test monitors' 200 ms flush interval.
     */
    void awaitCaughtUp(Map<TopicPartition, Long> targets, Duration timeout) throws InterruptedException {
        try (Admin admin = Admin.create(clientConfig)) {
            new CatchUp(admin, clientConfig, APPLICATION_ID, Names.statisticsDeltaTopics(APPLICATION_ID), () -> 0L, Duration.ofMillis(200))
                    .await(targets, timeout);
        }
    }

    /** Waits as {@link #awaitCaughtUp} for a raw source topic, then for the interactions its parser wrote. */
    void awaitCaughtUpThroughSource(Map<TopicPartition, Long> rawTargets, Duration timeout) throws InterruptedException {
        awaitCaughtUp(rawTargets, timeout);
        awaitCaughtUp(committedEnds(clientConfig, TopicNames.defaults().interactions()), timeout);
    }

    /** Offset after the last committed record of each non-empty partition of {@code topic} (transaction markers excluded). */
    static Map<TopicPartition, Long> committedEnds(Map<String, Object> clientConfig, String topic) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(clientConfig, topic)) {
            ends.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
        }
        return ends;
    }

    /** Every committed record of {@code topic}, read from the beginning to the current end. */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(Map<String, Object> clientConfig, String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Committed records in every dead-letter topic of the monitor. */
    Map<String, Long> deadLetters() {
        List<String> topics = MonitorTopicSpecs.deadLetterSources(TopicNames.defaults(), APPLICATION_ID).stream()
                .map(DeadLetterTopics::of).toList();
        return DeadLetterCounter.count(clientConfig, topics);
    }
}
