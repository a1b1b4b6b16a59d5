package org.alignmentmonitor.streams.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.streams.rates.BucketWindows;
import org.alignmentmonitor.streams.rates.RateSettings;
import org.alignmentmonitor.streams.rates.WindowPlan;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.Names;
import org.alignmentmonitor.streams.topology.VersionPartitioner;
import org.alignmentmonitor.streams.topology.VersionTotals;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries over this instance's statistics stores. All buckets of a version live in one
 * partition, so {@link #owner} tells which instance can answer for it.
 */
public final class StatsStores {

    private final KafkaStreams streams;
    private final long bucketMs;
    private final RateSettings rates;

    public StatsStores(KafkaStreams streams, Duration bucketSize, RateSettings rates) {
        this.streams = streams;
        this.bucketMs = bucketSize.toMillis();
        this.rates = rates;
    }

    /** Length of one statistics bucket: the finest step a window can have. */
    public long bucketMillis() {
        return bucketMs;
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
        return localTotals(model, version, partitionOf(model, version));
    }

    private Optional<BucketStats> localTotals(String model, String version, int partition) {
        return Optional.ofNullable(store(Names.VERSION_TOTALS_STORE, partition).get(VersionTotals.key(model, version)));
    }

    /**
     * The exact merge of every bucket of (model, version) in [fromMs, toMs), read from the finest
     * store that still holds each part; the answer names the window actually covered.
     */
    public WindowAnswer localWindow(String model, String version, long fromMs, long toMs) {
        int partition = partitionOf(model, version);
        BucketWindows windows = windows(partition);
        WindowPlan plan = plan(windows, model, version, fromMs, toMs, partition);
        return new WindowAnswer(plan.from(), plan.to(), windows.merged(model, version, plan));
    }

    /** The stored buckets and rollups behind {@link #localWindow}, each as stored, in the order they are merged. */
    public WindowParts localParts(String model, String version, long fromMs, long toMs) {
        int partition = partitionOf(model, version);
        BucketWindows windows = windows(partition);
        WindowPlan plan = plan(windows, model, version, fromMs, toMs, partition);
        return new WindowParts(plan.from(), plan.to(), windows.parts(model, version, plan));
    }

    private BucketWindows windows(int partition) {
        return new BucketWindows(store(Names.BUCKET_STATS_STORE, partition), store(Names.HOUR_STATS_STORE, partition),
                store(Names.DAY_STATS_STORE, partition), bucketMs, rates.bucketRetention(), rates.hourRetention());
    }

    private WindowPlan plan(BucketWindows windows, String model, String version, long fromMs, long toMs, int partition) {
        long latest = localTotals(model, version, partition).map(t -> t.getMaxEventTime().toEpochMilli()).orElse(toMs);
        return windows.plan(fromMs, toMs, latest);
    }

    /** A window's parts: {@code from} and {@code to} as in {@link WindowAnswer}. */
    public record WindowParts(long from, long to, List<BucketStats> parts) {
    }

    /** End of the minute holding a version's latest event: where its "latest" views end. */
    public static long endOfLatestMinute(BucketStats totals) {
        long latest = totals.getMaxEventTime().toEpochMilli();
        return latest - Math.floorMod(latest, MINUTE_MS) + MINUTE_MS;
    }

    private static final long MINUTE_MS = 60_000L;

    /** A merged window: {@code from} and {@code to} may be wider than asked where only coarser rollups are kept. */
    public record WindowAnswer(long from, long to, Optional<BucketStats> merged) {
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

    /**
     * The input partition that holds (model, version). A version's questions are asked of that partition's stores
     * only: an instance that no longer owns it (a request forwarded just before a rebalance moved it) then gets
     * {@link InvalidStateStoreException} instead of an empty, wrong answer from the partitions it still holds.
     */
    private int partitionOf(String model, String version) {
        KeyQueryMetadata owner = owner(model, version);
        if (owner == null || owner.partition() < 0) {
            throw new InvalidStateStoreException("the statistics of " + model + "/" + version + " are being moved between instances");
        }
        return owner.partition();
    }

    private ReadOnlyKeyValueStore<BucketKey, BucketStats> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<BucketKey, BucketStats>keyValueStore()));
    }

    private ReadOnlyKeyValueStore<BucketKey, BucketStats> store(String name, int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<BucketKey, BucketStats>keyValueStore())
                .withPartition(partition));
    }
}
