package org.alignmentmonitor.monitor.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.monitor.runtime.TopicProvisioner.TopicSpec;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import org.alignmentmonitor.streams.topology.Names;
import org.alignmentmonitor.streams.topology.TopicNames;

/** The topics the monitor needs, with the settings that make replays and restarts safe. */
public final class MonitorTopicSpecs {

    private static final String RETENTION_30_DAYS = String.valueOf(30L * 24 * 3600 * 1000);
    // Dead letters are evidence: keep them until someone deletes them.
    private static final Map<String, String> DEAD_LETTERS = Map.of("retention.ms", "-1");

    private MonitorTopicSpecs() {
    }

    public static List<TopicSpec> of(TopicNames names, String applicationId, int partitions, short replication) {
        Map<String, String> data = Map.of("retention.ms", RETENTION_30_DAYS);
        List<TopicSpec> specs = new ArrayList<>();
        specs.add(new TopicSpec(names.interactions(), partitions, replication, data));
        specs.add(new TopicSpec(names.verdicts(), partitions, replication, data));
        specs.add(new TopicSpec(names.rates(), partitions, replication, data));
        // Labels are paired with their review task in one stream task: same key, same partition count. Both are the
        // evidence behind every label-corrected rate (what was sampled, with which probability, and who said what):
        // kept until someone deletes them.
        specs.add(new TopicSpec(names.reviewTasks(), partitions, replication, Map.of("retention.ms", "-1")));
        specs.add(new TopicSpec(names.labels(), partitions, replication, Map.of("retention.ms", "-1")));
        specs.add(new TopicSpec(names.judgeRequests(), partitions, replication, data));
        specs.add(new TopicSpec(names.judgments(), partitions, replication, data));
        // The learned classifier's trainer retrains from the whole history whenever a new trainer takes over.
        specs.add(new TopicSpec(names.trainingExamples(), partitions, replication, Map.of("retention.ms", "-1")));
        // One partition: its holder in the trainer group is the one trainer; compaction keeps the latest model.
        specs.add(new TopicSpec(Names.learnedModelsTopic(applicationId), 1, replication, Map.of("cleanup.policy", "compact")));
        // State a role needs after a restart on a new pod: the latest value per key, deleted by a tombstone.
        specs.add(new TopicSpec(Names.alertOutboxTopic(applicationId), 1, replication, Map.of("cleanup.policy", "compact")));
        specs.add(new TopicSpec(Names.reviewLeasesTopic(applicationId), 1, replication, Map.of("cleanup.policy", "compact")));
        // Alerts are the audit trail of paging: kept, and few.
        specs.add(new TopicSpec(names.alerts(), 1, replication, Map.of("retention.ms", "-1")));
        for (String source : deadLetterSources(names, applicationId)) {
            specs.add(new TopicSpec(DeadLetterTopics.of(source), 1, replication, DEAD_LETTERS));
        }
        return specs;
    }

    /** With the raw source topics (created when missing, so the monitor may start before the gateway) and their dead letters. */
    public static List<TopicSpec> of(TopicNames names, String applicationId, int partitions, short replication, List<String> rawTopics) {
        List<TopicSpec> specs = new ArrayList<>(of(names, applicationId, partitions, replication));
        for (String raw : rawTopics) {
            specs.add(new TopicSpec(raw, partitions, replication, Map.of("retention.ms", RETENTION_30_DAYS)));
            specs.add(new TopicSpec(DeadLetterTopics.of(raw), 1, replication, DEAD_LETTERS));
        }
        return specs;
    }

    /** The audit trail: append-only (delete policy, never compacted) and kept for good. */
    public static TopicSpec audit(String name, short replication) {
        return new TopicSpec(name, 1, replication, Map.of("retention.ms", "-1", "retention.bytes", "-1", "cleanup.policy", "delete"));
    }

    /** Every topic whose bad records can end in a dead-letter topic: the inputs, the internal one, the outputs. */
    public static List<String> deadLetterSources(TopicNames names, String applicationId) {
        return List.of(names.interactions(), names.verdicts(), names.rates(), names.reviewTasks(), names.labels(), names.alerts(),
                names.judgeRequests(), names.judgments(), names.trainingExamples(), Names.bucketDeltasTopic(applicationId), Names.ratesByModelTopic(applicationId),
                Names.processDeltasTopic(applicationId), Names.labelDeltasTopic(applicationId), Names.processLabelDeltasTopic(applicationId));
    }
}
