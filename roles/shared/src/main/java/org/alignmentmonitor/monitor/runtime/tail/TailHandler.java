package org.alignmentmonitor.monitor.runtime.tail;

import java.util.Collection;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** What a tail does with what it reads. Any exception restarts the tail (with backoff) from a safe position. */
public interface TailHandler<K, V> {

    void accept(ConsumerRecord<K, V> record) throws Exception;

    /** Before every poll: e.g. pause partitions under backpressure. */
    default void beforePoll(Consumer<K, V> consumer) {
    }

    /** After every poll, empty or not: commit, save, check progress. */
    default void afterBatch(Consumer<K, V> consumer, int records) throws Exception {
    }

    /** {@link TailSpec.Start#GROUP} only: the group gave this member these partitions (called inside poll). */
    default void onAssigned(Collection<TopicPartition> partitions) {
    }

    /** {@link TailSpec.Start#GROUP} only: these partitions left this member, or the tail's consumer closes. */
    default void onRevoked(Collection<TopicPartition> partitions) {
    }
}
