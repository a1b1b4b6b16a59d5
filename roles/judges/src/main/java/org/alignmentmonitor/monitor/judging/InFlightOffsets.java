package org.alignmentmonitor.monitor.judging;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which judge requests are read but not yet judged, per partition. The worker commits no further
 * than the oldest of them, so whichever process reads the partition next (after a crash or a lost
 * pod) judges again everything that was not finished: nothing pending lives only on a local disk.
 */
final class InFlightOffsets {

    private final Map<TopicPartition, NavigableSet<Long>> open = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> nextToRead = new ConcurrentHashMap<>();

    /**
     * Records that {@code offset} was read; it stays open until {@code done} completes normally. A
     * cancelled or failed future means the judgment was not delivered, so the next owner judges it again.
     */
    void read(TopicPartition partition, long offset, CompletableFuture<?> done) {
        NavigableSet<Long> offsets = open.computeIfAbsent(partition, p -> new ConcurrentSkipListSet<>());
        offsets.add(offset);
        nextToRead.merge(partition, offset + 1, Math::max);
        done.whenComplete((result, error) -> {
            if (error == null) {
                offsets.remove(offset);
            }
        });
    }

    /** Per partition, the offset a successor should resume from: the oldest open one, else the next unread. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        nextToRead.forEach((partition, next) -> {
            NavigableSet<Long> offsets = open.get(partition);
            Long oldest = offsets == null || offsets.isEmpty() ? null : offsets.first();
            out.put(partition, new OffsetAndMetadata(oldest == null ? next : oldest));
        });
        return out;
    }

    /** The partitions moved to another member: their next owner resumes from the last commit. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> {
            open.remove(p);
            nextToRead.remove(p);
        });
    }
}
