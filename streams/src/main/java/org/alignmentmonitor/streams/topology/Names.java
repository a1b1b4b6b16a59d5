package org.alignmentmonitor.streams.topology;

import java.util.List;

/** Every processor, store and internal topic of the monitor topology, named once. */
public final class Names {

    public static final String INTERACTIONS_SOURCE = "interactions-source";
    public static final String VALIDATE = "validate-interaction";
    public static final String DEDUPLICATE = "deduplicate-interaction";
    public static final String CLASSIFY = "classify-interaction";
    public static final String VERDICTS_SINK = "verdicts-sink";
    public static final String ACCUMULATE = "accumulate-bucket-deltas";
    /** Repartition topic {@code <application.id>-bucket-deltas-repartition}: partial statistics keyed by version. */
    public static final String BUCKET_DELTAS = "bucket-deltas";
    /**
     * Repartition topic {@code <application.id>-label-deltas-repartition}: label and judgment deltas keyed by version,
     * merged with {@link #BUCKET_DELTAS} only after both are repartitioned, so the interactions' task reads no other
     * input (see {@link MonitorTopology}).
     */
    public static final String LABEL_DELTAS = "label-deltas";
    public static final String MERGE = "merge-bucket-stats";
    public static final String RATES_SINK = "rates-sink";
    public static final String JUDGE = "judge-interaction";
    public static final String VERDICT_OF = "verdict-of-judged";
    public static final String SAMPLE = "sample-for-review";
    public static final String REVIEW_TASKS_SINK = "review-tasks-sink";
    public static final String REVIEW_TASKS_SOURCE = "review-tasks-source";
    public static final String INDEX_REVIEW_TASKS = "index-review-tasks";
    public static final String LABELS_SOURCE = "labels-source";
    public static final String APPLY_LABELS = "apply-labels";
    public static final String MERGE_DELTAS = "merge-verdict-and-label-deltas";
    public static final String LABEL_DELTA_OF = "label-delta-of-change";
    public static final String TRAINING_EXAMPLE_OF = "training-example-of-change";
    public static final String TRAINING_EXAMPLES_SINK = "training-examples-sink";
    public static final String SELECT_FOR_JUDGES = "select-for-judges";
    public static final String JUDGE_REQUEST_OF = "judge-request-of-judged";
    public static final String JUDGE_REQUESTS_SINK = "judge-requests-sink";
    public static final String JUDGMENTS_SOURCE = "judgments-source";
    public static final String APPLY_JUDGMENTS = "apply-judgments";
    public static final String MERGE_JUDGMENT_DELTAS = "merge-judgment-deltas";
    public static final String RATES_SOURCE = "rates-source";
    public static final String KEY_RATES_BY_MODEL = "key-rates-by-model";
    /** Repartition topic {@code <application.id>-rates-by-model-repartition}: every version of a model in one task. */
    public static final String RATES_BY_MODEL = "rates-by-model";
    public static final String EVALUATE_ALERTS = "evaluate-alert-rules";
    public static final String ALERTS_SINK = "alerts-sink";

    public static final String DEDUP_STORE = "interaction-dedup-store";
    public static final String DELTA_STORE = "bucket-delta-store";
    /** Merged statistics per (model, version, bucket): the store behind every rate query. */
    public static final String BUCKET_STATS_STORE = "bucket-stats-store";
    /** Merged statistics per (model, version) over all time: the version list and replay summaries. */
    public static final String VERSION_TOTALS_STORE = "version-totals-store";
    /** Hour rollup of the bucket store: kept longer than the buckets. */
    public static final String HOUR_STATS_STORE = "bucket-stats-hour-store";
    /** Day rollup of the bucket store: kept for good. */
    public static final String DAY_STATS_STORE = "bucket-stats-day-store";
    /** Per-stratum traffic and inclusion probability of the review sampler. */
    public static final String SAMPLER_STORE = "review-sampler-store";
    /** Review tasks by interaction id (without the conversation), for pairing labels with score and pi. */
    public static final String REVIEW_TASK_STORE = "review-task-store";
    /** The label in force per interaction id, so a correction replaces its predecessor's contribution. */
    public static final String EFFECTIVE_LABEL_STORE = "effective-label-store";
    /** The outcome counted per (interaction, judge), so a redelivered or replaced judgment counts once. */
    public static final String JUDGMENT_STORE = "judgment-store";
    /** Alert lifecycle per model (JSON), so FIRING and RESOLVED are sent once each. */
    public static final String ALERT_STATE_STORE = "alert-state-store";
    /** Latest rate snapshot per version and window, for regression rules. */
    public static final String LATEST_RATE_STORE = "latest-rate-store";
    /** When each version was first seen, to know which version came before which. */
    public static final String VERSION_FIRST_SEEN_STORE = "version-first-seen-store";

    // Training-process cells (streams.process).
    public static final String SELECT_PROCESS_TRAFFIC = "select-process-traffic";
    public static final String PROCESS_TRAFFIC_DELTA_OF = "process-traffic-delta-of";
    public static final String SELECT_PROCESS_LABELS = "select-process-labels";
    public static final String PROCESS_LABEL_DELTA_OF = "process-label-delta-of";
    public static final String PAIR_LABELS_WITH_JUDGMENTS = "pair-labels-with-judgments";
    public static final String PAIR_JUDGMENTS_WITH_LABELS = "pair-judgments-with-labels";
    public static final String MERGE_PROCESS_LABEL_DELTAS = "merge-process-label-deltas";
    public static final String MERGE_PROCESS_LABEL_AGREEMENT = "merge-process-label-agreement";
    public static final String MERGE_PROCESS_JUDGMENT_AGREEMENT = "merge-process-judgment-agreement";
    public static final String ACCUMULATE_PROCESS_CELLS = "accumulate-process-cells";
    /** Per-task partial statistics per process cell, flushed like {@link #DELTA_STORE}. */
    public static final String PROCESS_PARTIALS_STORE = "process-partials-store";
    public static final String PROCESS_DELTAS = "process-deltas";
    /** Label and agreement deltas per process cell, apart from {@link #PROCESS_DELTAS} for the same reason as {@link #LABEL_DELTAS}. */
    public static final String PROCESS_LABEL_DELTAS = "process-label-deltas";
    public static final String MERGE_PROCESS_CELLS = "merge-process-cells";
    /** All-time statistics per process cell (process, model, version, deployment, step). */
    public static final String PROCESS_CELL_STORE = "process-cell-store";
    /** (interaction, judge) -> the judge-versus-label pair counted in the agreement tallies. */
    public static final String PROCESS_AGREEMENT_STORE = "process-agreement-store";

    private Names() {
    }

    /** Compacted, one partition: the learned classifier's published model, and the group that elects its trainer. */
    public static String learnedModelsTopic(String applicationId) {
        return applicationId + "-learned-models";
    }

    /** Compacted: webhook deliveries that ran out of attempts, per event and endpoint, until delivered (then a tombstone). */
    public static String alertOutboxTopic(String applicationId) {
        return applicationId + "-alert-outbox";
    }

    /** Compacted: the review leases in force per item, so a restarted review process keeps them (a tombstone when none). */
    public static String reviewLeasesTopic(String applicationId) {
        return applicationId + "-review-leases";
    }

    /** Full name of the bucket-deltas repartition topic for an application id. */
    public static String bucketDeltasTopic(String applicationId) {
        return applicationId + "-" + BUCKET_DELTAS + "-repartition";
    }

    /** The repartition topics whose records reach the version statistics: verdict partials, then label and judgment deltas. */
    public static List<String> statisticsDeltaTopics(String applicationId) {
        return List.of(bucketDeltasTopic(applicationId), labelDeltasTopic(applicationId));
    }

    /** Full name of the label-deltas repartition topic for an application id. */
    public static String labelDeltasTopic(String applicationId) {
        return applicationId + "-" + LABEL_DELTAS + "-repartition";
    }

    /** Full name of the process-label-deltas repartition topic for an application id. */
    public static String processLabelDeltasTopic(String applicationId) {
        return applicationId + "-" + PROCESS_LABEL_DELTAS + "-repartition";
    }

    /** Full name of the process-deltas repartition topic for an application id. */
    public static String processDeltasTopic(String applicationId) {
        return applicationId + "-" + PROCESS_DELTAS + "-repartition";
    }

    /** Full name of the rates-by-model repartition topic for an application id. */
    public static String ratesByModelTopic(String applicationId) {
        return applicationId + "-" + RATES_BY_MODEL + "-repartition";
    }
}
