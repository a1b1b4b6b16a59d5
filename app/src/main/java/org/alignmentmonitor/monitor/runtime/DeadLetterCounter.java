package org.alignmentmonitor.monitor.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.alignmentmonitor.streams.errors.DeadLetterRecords;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts committed records in dead-letter topics by reading them: Streams writes dead letters in
 * transactions, so offsets alone over-count by the commit markers.
 */
public final class DeadLetterCounter {

    private DeadLetterCounter() {
    }

    public static Map<String, Long> count(Map<String, Object> clientConfig, List<String> topics) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(clientConfig)) {
            for (String topic : topics) {
                long[] count = {0};
                readTopic(consumer, topic, r -> count[0]++);
                counts.put(topic, count[0]);
            }
        }
        return counts;
    }

    /** The {@code dlq.reason} header of every committed dead letter in {@code topic}, in offset order per partition. */
    public static List<String> reasons(Map<String, Object> clientConfig, String topic) {
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(clientConfig)) {
            readTopic(consumer, topic, r -> {
                Header reason = r.headers().lastHeader(DeadLetterRecords.REASON);
                reasons.add(reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8));
            });
        }
        return reasons;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void readTopic(KafkaConsumer<byte[], byte[]> consumer, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read dead-letter topic " + topic + " to its end");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(each);
        }
    }
}
