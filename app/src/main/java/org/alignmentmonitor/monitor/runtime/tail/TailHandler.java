package org.alignmentmonitor.monitor.runtime.tail;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a tail does with what it reads. Any exception restarts the tail (with backoff) from a safe position. */
public interface TailHandler<K, V> {

    void accept(ConsumerRecord<K, V> record) throws Exception;

    /** Before every poll: e.g. pause partitions under backpressure. */
    default void beforePoll(Consumer<K, V> consumer) {
    }

    /** After every poll, empty or not: commit, save, check progress. */
    default void afterBatch(Consumer<K, V> consumer, int records) throws Exception {
    }
}
