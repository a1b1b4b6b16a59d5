package org.alignmentmonitor.streams.rates;

import java.time.Duration;
import java.util.Optional;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers any window of one version by exact merges over the bucket, hour and day stores; the same
 * code serves the rate publisher (inside the processor) and interactive queries.
 *
 * @param bucketRetention how long finest buckets are kept, counted back from the version's latest event
 * @param hourRetention   how long hour buckets are kept
 */
public record BucketWindows(ReadOnlyKeyValueStore<BucketKey, BucketStats> buckets,
                            ReadOnlyKeyValueStore<BucketKey, BucketStats> hours,
                            ReadOnlyKeyValueStore<BucketKey, BucketStats> days,
                            long bucketMs, Duration bucketRetention, Duration hourRetention) {

    /** The plan for [fromMs, toMs) given that the version's latest event is at {@code latestMs}. */
    public WindowPlan plan(long fromMs, long toMs, long latestMs) {
        return WindowPlan.of(fromMs, toMs, bucketMs, latestMs - bucketRetention.toMillis(), latestMs - hourRetention.toMillis());
    }

    /** The merge of every bucket in the plan, or empty when none holds data. */
    public Optional<BucketStats> merged(String model, String version, WindowPlan plan) {
        BucketStats merged = BucketStatsMath.empty(new BucketKey(model, version, Math.max(0, plan.from())), plan.to() - plan.from());
        boolean any = false;
        for (WindowPlan.Part part : plan.parts()) {
            try (KeyValueIterator<BucketKey, BucketStats> it = store(part.granularity()).range(
                    new BucketKey(model, version, Math.max(0, part.start())), new BucketKey(model, version, Math.max(0, part.end() - 1)))) {
                while (it.hasNext()) {
                    BucketStatsMath.mergeInto(merged, it.next().value);
                    any = true;
                }
            }
        }
        return any ? Optional.of(merged) : Optional.empty();
    }

    private ReadOnlyKeyValueStore<BucketKey, BucketStats> store(WindowPlan.Granularity g) {
        return switch (g) {
            case BUCKET -> buckets;
            case HOUR -> hours;
            case DAY -> days;
        };
    }
}
