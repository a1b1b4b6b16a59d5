package org.alignmentmonitor.monitor.runtime.tail;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * For a {@link TailSpec.Start#FROM_BEGINNING} tail that rebuilds state: the end offsets when it first polled, and whether
 * it has read up to them, i.e. holds everything published before this process started. Call from
 * {@link TailHandler#afterBatch}; not thread-safe (the tail's thread only).
 */
public final class EndsAtStart {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Map<TopicPartition, Long> ends;
    private boolean reached;

    /** True from the first call at which the consumer's position is at or past every end offset taken at the first call. */
    public boolean reached(Consumer<?, ?> consumer) {
        if (reached) {
            return true;
        }
        if (ends == null) {
            ends = consumer.endOffsets(consumer.assignment(), TIMEOUT);
        }
        reached = ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), TIMEOUT) >= e.getValue());
        return reached;
    }
}
