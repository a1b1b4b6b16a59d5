package org.alignmentmonitor.monitor.runtime.tail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * What one tail reads and how.
 *
 * @param name          the loop's name in logs, metrics and {@code /health}
 * @param consumerConfig Kafka consumer settings (a group id only for {@link Start#GROUP})
 * @param closeTimeout  how long {@code close()} waits for the handler to finish its batch
 */
public record TailSpec<K, V>(String name, Map<String, Object> consumerConfig, Deserializer<K> keys, Deserializer<V> values,
                             Start start, List<String> topics, Duration closeTimeout) {

    /** Where a (re)started consumer begins. */
    public enum Start {
        /** Subscribe with the configured group; resume from its committed offsets (the handler commits). */
        GROUP,
        /**
         * Read every partition from the beginning at the first start (for views rebuilt from a topic); after
         * a failure, resume right after the last record the handler took.
         */
        FROM_BEGINNING
    }

    public TailSpec {
        Objects.requireNonNull(name, "name");
        consumerConfig = Map.copyOf(consumerConfig);
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(start, "start");
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("tail " + name + " needs at least one topic");
        }
        if (start == Start.GROUP && !consumerConfig.containsKey("group.id")) {
            throw new IllegalArgumentException("tail " + name + " reads as a group but has no group.id");
        }
        Objects.requireNonNull(closeTimeout, "closeTimeout");
    }

    public static <K, V> TailSpec<K, V> group(String name, Map<String, Object> consumerConfig, Deserializer<K> keys,
                                              Deserializer<V> values, String topic) {
        return new TailSpec<>(name, consumerConfig, keys, values, Start.GROUP, List.of(topic), Duration.ofSeconds(10));
    }

    public static <K, V> TailSpec<K, V> fromBeginning(String name, Map<String, Object> consumerConfig, Deserializer<K> keys,
                                                      Deserializer<V> values, List<String> topics) {
        return new TailSpec<>(name, consumerConfig, keys, values, Start.FROM_BEGINNING, topics, Duration.ofSeconds(10));
    }

    public TailSpec<K, V> withCloseTimeout(Duration timeout) {
        return new TailSpec<>(name, consumerConfig, keys, values, start, topics, timeout);
    }
}
