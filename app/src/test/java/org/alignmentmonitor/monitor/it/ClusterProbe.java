package org.alignmentmonitor.monitor.it;

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
            new CatchUp(admin, clientConfig, APPLICATION_ID, Names.bucketDeltasTopic(APPLICATION_ID), () -> 0L, Duration.ofMillis(200))
                    .await(targets, timeout);
        }
    }

    /** Committed records in every dead-letter topic of the monitor. */
    Map<String, Long> deadLetters() {
        List<String> topics = MonitorTopicSpecs.deadLetterSources(TopicNames.defaults(), APPLICATION_ID).stream()
                .map(DeadLetterTopics::of).toList();
        return DeadLetterCounter.count(clientConfig, topics);
    }
}
