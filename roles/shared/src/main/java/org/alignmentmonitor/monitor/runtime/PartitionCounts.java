package org.alignmentmonitor.monitor.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The topology repartitions verdict partials and label/judgment deltas through two topics and merges them by
 * version after; each repartition topic takes its partition count from the topics upstream of it. Topics with
 * different counts would send one version's parts to different tasks and split its statistics, so a monitor
 * refuses to start on such a cluster instead of answering with part of a version.
 */
public final class PartitionCounts {

    private PartitionCounts() {
    }

    /** Stops the start when the given existing topics do not all have the same number of partitions. */
    public static void requireEqual(Admin admin, List<String> topics) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            Map<String, Integer> counts = new LinkedHashMap<>();
            topics.forEach(t -> counts.put(t, described.get(t).partitions().size()));
            mismatch(counts).ifPresent(problem -> {
                throw new IllegalStateException(problem);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe topics " + topics + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** A message naming each topic's count when they differ; empty when they agree. */
    static Optional<String> mismatch(Map<String, Integer> counts) {
        if (counts.values().stream().distinct().count() <= 1) {
            return Optional.empty();
        }
        return Optional.of("topics " + counts + " must have the same number of partitions: the statistics of a version"
                + " are merged from all of them in one task. Give them one partition count (monitor.topics.partitions"
                + " applies only to topics the monitor creates).");
    }
}
