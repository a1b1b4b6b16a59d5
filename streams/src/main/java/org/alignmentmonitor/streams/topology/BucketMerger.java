package org.alignmentmonitor.streams.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.RateSnapshot;
import org.alignmentmonitor.streams.rates.BucketWindows;
import org.alignmentmonitor.streams.rates.RateSettings;
import org.alignmentmonitor.streams.rates.RateSnapshots;
import org.alignmentmonitor.streams.rates.WindowPlan;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Merges partial statistics (from verdicts and from labels alike) into the bucket store, the hour
 * and day rollups and the per-version totals. Every publish interval it emits, for each version
 * that changed, every estimator over each rolling window ending at the version's last complete bucket;
 * every hour it drops buckets and hours older than their retention (the coarser rollups keep them).
 */
final class BucketMerger implements Processor<BucketKey, BucketStats, String, RateSnapshot> {

    private static final long COMPLETION_GRACE_MS = 2_000;

    private final long bucketMs;
    private final RateSettings settings;
    private ProcessorContext<String, RateSnapshot> context;
    private KeyValueStore<BucketKey, BucketStats> buckets;
    private KeyValueStore<BucketKey, BucketStats> hours;
    private KeyValueStore<BucketKey, BucketStats> days;
    private KeyValueStore<BucketKey, BucketStats> totals;
    private BucketWindows windows;
    private Set<BucketKey> changed;

    BucketMerger(Duration bucketSize, RateSettings settings) {
        this.bucketMs = bucketSize.toMillis();
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, RateSnapshot> context) {
        this.context = context;
        this.buckets = context.getStateStore(Names.BUCKET_STATS_STORE);
        this.hours = context.getStateStore(Names.HOUR_STATS_STORE);
        this.days = context.getStateStore(Names.DAY_STATS_STORE);
        this.totals = context.getStateStore(Names.VERSION_TOTALS_STORE);
        this.windows = new BucketWindows(buckets, hours, days, bucketMs, settings.bucketRetention(), settings.hourRetention());
        this.changed = new LinkedHashSet<>();
        // After a restart every version is published once, so the rates topic never goes stale.
        try (KeyValueIterator<BucketKey, BucketStats> all = totals.all()) {
            all.forEachRemaining(kv -> changed.add(kv.key));
        }
        context.schedule(settings.publishInterval(), PunctuationType.WALL_CLOCK_TIME, this::publish);
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, now -> prune());
    }

    @Override
    public void process(Record<BucketKey, BucketStats> record) {
        BucketKey key = record.key();
        BucketStats delta = record.value();
        long start = key.bucketStart();
        mergeInto(buckets, key, delta, bucketMs);
        mergeInto(hours, new BucketKey(key.model(), key.version(), start - Math.floorMod(start, WindowPlan.HOUR)), delta, WindowPlan.HOUR);
        mergeInto(days, new BucketKey(key.model(), key.version(), start - Math.floorMod(start, WindowPlan.DAY)), delta, WindowPlan.DAY);
        BucketKey total = VersionTotals.key(key.model(), key.version());
        mergeInto(totals, total, delta, 0);
        changed.add(total);
    }

    private static void mergeInto(KeyValueStore<BucketKey, BucketStats> store, BucketKey key, BucketStats delta, long bucketMillis) {
        BucketStats current = store.get(key);
        store.put(key, BucketStatsMath.mergeInto(current == null ? BucketStatsMath.empty(key, bucketMillis) : current, delta));
    }

    private void publish(long now) {
        Set<BucketKey> waiting = new LinkedHashSet<>();
        for (BucketKey version : changed) {
            BucketStats total = totals.get(version);
            if (total == null || total.getInteractions() == 0) {
                continue;
            }
            long latest = total.getMaxEventTime().toEpochMilli();
            long end = windowEnd(latest, now);
            if (end <= latest) {
                waiting.add(version);  // its newest bucket is still filling: publish again once it is complete
            }
            for (Map.Entry<String, Duration> window : settings.windows().entrySet()) {
                WindowPlan plan = windows.plan(end - window.getValue().toMillis(), end, latest);
                windows.merged(version.model(), version.version(), plan).ifPresent(merged -> context.forward(new Record<>(
                        version.versionLabel() + "/" + window.getKey(),
                        RateSnapshots.of(window.getKey(), plan.from(), plan.to(), merged, settings.estimation(), now), now)));
            }
        }
        changed = waiting;
    }

    /**
     * Windows end at the last complete bucket: while the clock is still inside the bucket of the
     * latest event, that bucket is partial and would make every window's newest minute look quiet.
     * A bucket counts as complete once the clock is a grace period past its end (partials are
     * flushed every second); replayed history is complete at once.
     */
    private long windowEnd(long latestEvent, long now) {
        long bucketEnd = latestEvent - Math.floorMod(latestEvent, bucketMs) + bucketMs;
        return now >= bucketEnd + COMPLETION_GRACE_MS ? bucketEnd : bucketEnd - bucketMs;
    }

    private void prune() {
        List<BucketStats> versions = new ArrayList<>();
        try (KeyValueIterator<BucketKey, BucketStats> all = totals.all()) {
            all.forEachRemaining(kv -> versions.add(kv.value));
        }
        for (BucketStats v : versions) {
            long latest = v.getMaxEventTime().toEpochMilli();
            deleteBefore(buckets, v, latest - settings.bucketRetention().toMillis());
            deleteBefore(hours, v, latest - settings.hourRetention().toMillis());
        }
    }

    private static void deleteBefore(KeyValueStore<BucketKey, BucketStats> store, BucketStats version, long cutoff) {
        if (cutoff <= 0) {
            return;
        }
        List<BucketKey> old = new ArrayList<>();
        try (KeyValueIterator<BucketKey, BucketStats> it = store.range(new BucketKey(version.getModel(), version.getVersion(), 0),
                new BucketKey(version.getModel(), version.getVersion(), cutoff - 1))) {
            it.forEachRemaining(kv -> old.add(kv.key));
        }
        old.forEach(store::delete);
    }
}
