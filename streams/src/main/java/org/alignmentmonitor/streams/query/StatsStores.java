package org.alignmentmonitor.streams.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;
import org.alignmentmonitor.streams.topology.Names;
import org.alignmentmonitor.streams.topology.VersionPartitioner;
import org.alignmentmonitor.streams.topology.VersionTotals;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries over this instance's statistics stores. All buckets of a version live in one
 * partition, so {@link #owner} tells which instance can answer for it.
 */
public final class StatsStores {

    private final KafkaStreams streams;

    public StatsStores(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Where the statistics of (model, version) live; {@link KeyQueryMetadata#NOT_AVAILABLE} while rebalancing. */
    public KeyQueryMetadata owner(String model, String version) {
        return streams.queryMetadataForKey(Names.VERSION_TOTALS_STORE, VersionTotals.key(model, version),
                new VersionPartitioner()::partitions);
    }

    /** All-time totals of every version held by this instance. */
    public List<BucketStats> localVersionTotals() {
        List<BucketStats> out = new ArrayList<>();
        try (KeyValueIterator<BucketKey, BucketStats> it = store(Names.VERSION_TOTALS_STORE).all()) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    public Optional<BucketStats> localTotals(String model, String version) {
        return Optional.ofNullable(store(Names.VERSION_TOTALS_STORE).get(VersionTotals.key(model, version)));
    }

    /** Buckets of (model, version) whose start lies in [fromMs, toMs), in time order. */
    public List<BucketStats> localBuckets(String model, String version, long fromMs, long toMs) {
        List<BucketStats> out = new ArrayList<>();
        if (toMs <= fromMs) {
            return out;
        }
        BucketKey from = new BucketKey(model, version, Math.max(0, fromMs));
        BucketKey to = new BucketKey(model, version, toMs - 1);
        try (KeyValueIterator<BucketKey, BucketStats> it = store(Names.BUCKET_STATS_STORE).range(from, to)) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    /** The merge of {@link #localBuckets}: exact, since every statistic is a sum, min or max. */
    public Optional<BucketStats> localMerged(String model, String version, long fromMs, long toMs) {
        List<BucketStats> buckets = localBuckets(model, version, fromMs, toMs);
        if (buckets.isEmpty()) {
            return Optional.empty();
        }
        BucketStats merged = BucketStatsMath.empty(new BucketKey(model, version, Math.max(0, fromMs)), buckets.get(0).getBucketMillis());
        buckets.forEach(b -> BucketStatsMath.mergeInto(merged, b));
        return Optional.of(merged);
    }

    /** Partial statistics on this instance not yet pushed to the merged store (they are, within a flush interval). */
    public long localPendingPartials() {
        long n = 0;
        try (KeyValueIterator<BucketKey, BucketStats> it = store(Names.DELTA_STORE).all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    private ReadOnlyKeyValueStore<BucketKey, BucketStats> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<BucketKey, BucketStats>keyValueStore()));
    }
}
