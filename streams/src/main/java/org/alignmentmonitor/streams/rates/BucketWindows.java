package org.alignmentmonitor.streams.rates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        List<BucketStats> parts = parts(model, version, plan);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        BucketStats merged = BucketStatsMath.empty(new BucketKey(model, version, Math.max(0, plan.from())), plan.to() - plan.from());
        parts.forEach(p -> BucketStatsMath.mergeInto(merged, p));
        return Optional.of(merged);
    }

    /** Every stored bucket or rollup the plan covers, in the order {@link #merged} adds them: what an export lists. */
    public List<BucketStats> parts(String model, String version, WindowPlan plan) {
        List<BucketStats> out = new ArrayList<>();
        for (WindowPlan.Part part : plan.parts()) {
            try (KeyValueIterator<BucketKey, BucketStats> it = store(part.granularity()).range(
                    new BucketKey(model, version, Math.max(0, part.start())), new BucketKey(model, version, Math.max(0, part.end() - 1)))) {
                it.forEachRemaining(kv -> out.add(kv.value));
            }
        }
        return out;
    }

    private ReadOnlyKeyValueStore<BucketKey, BucketStats> store(WindowPlan.Granularity g) {
        return switch (g) {
            case BUCKET -> buckets;
            case HOUR -> hours;
            case DAY -> days;
        };
    }
}
