package org.alignmentmonitor.monitor.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.alignmentmonitor.streams.topology.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a whole topic once, from the start to the end offsets of the moment, without a consumer group. */
public final class TopicScan {

    private TopicScan() {
    }

    /** Hands every committed, non-null value on {@code topic} now to {@code sink}. */
    public static <V> void readAll(Map<String, Object> clientConfig, Topic<String, V> topic, Consumer<V> sink) {
        readRecords(clientConfig, topic, null, r -> {
            if (r.value() != null) {
                sink.accept(r.value());
            }
        });
    }

    /**
     * Hands every committed record on {@code topic} now, tombstones included, to {@code sink}.
     *
     * @param limit gives up with an {@link IllegalStateException} after this long (e.g. to answer a request
     *              in time); null waits as long as the read takes
     */
    public static <V> void readRecords(Map<String, Object> clientConfig, Topic<String, V> topic, Duration limit,
                                       Consumer<ConsumerRecord<String, V>> sink) {
        Duration metadata = limit == null ? Duration.ofSeconds(30) : limit;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "scan-" + topic.name());
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), metadata).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, metadata);
            long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic.name() + " took longer than " + limit);
                }
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    sink.accept(r);
                }
            }
        }
    }
}
