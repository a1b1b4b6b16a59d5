package org.alignmentmonitor.streams.topology;

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
    public static final String MERGE = "merge-bucket-stats";
    public static final String RATES_SINK = "rates-sink";

    public static final String DEDUP_STORE = "interaction-dedup-store";
    public static final String DELTA_STORE = "bucket-delta-store";
    /** Merged statistics per (model, version, bucket): the store behind every rate query. */
    public static final String BUCKET_STATS_STORE = "bucket-stats-store";
    /** Merged statistics per (model, version) over all time: the version list and replay summaries. */
    public static final String VERSION_TOTALS_STORE = "version-totals-store";

    private Names() {
    }

    /** Full name of the bucket-deltas repartition topic for an application id. */
    public static String bucketDeltasTopic(String applicationId) {
        return applicationId + "-" + BUCKET_DELTAS + "-repartition";
    }
}
