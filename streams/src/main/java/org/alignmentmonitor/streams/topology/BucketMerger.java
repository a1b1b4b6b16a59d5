package org.alignmentmonitor.streams.topology;

import org.alignmentmonitor.avro.BucketStats;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Merges partial statistics into the per-bucket store and the per-version totals, and emits the
 * updated bucket on the rates topic keyed by "model:version".
 */
final class BucketMerger implements Processor<BucketKey, BucketStats, String, BucketStats> {

    private ProcessorContext<String, BucketStats> context;
    private KeyValueStore<BucketKey, BucketStats> buckets;
    private KeyValueStore<BucketKey, BucketStats> totals;

    @Override
    public void init(ProcessorContext<String, BucketStats> context) {
        this.context = context;
        this.buckets = context.getStateStore(Names.BUCKET_STATS_STORE);
        this.totals = context.getStateStore(Names.VERSION_TOTALS_STORE);
    }

    @Override
    public void process(Record<BucketKey, BucketStats> record) {
        BucketKey key = record.key();
        BucketStats merged = mergeInto(buckets, key, record.value());
        mergeInto(totals, VersionTotals.key(key.model(), key.version()), record.value());
        context.forward(new Record<>(key.versionLabel(), merged, record.timestamp()));
    }

    private static BucketStats mergeInto(KeyValueStore<BucketKey, BucketStats> store, BucketKey key, BucketStats delta) {
        BucketStats current = store.get(key);
        BucketStats merged = current == null
                ? BucketStatsMath.mergeInto(BucketStatsMath.empty(key, delta.getBucketMillis()), delta)
                : BucketStatsMath.mergeInto(current, delta);
        store.put(key, merged);
        return merged;
    }
}
