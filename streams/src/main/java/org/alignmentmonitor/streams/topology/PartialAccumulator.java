package org.alignmentmonitor.streams.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.Verdict;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds each verdict to a per-task partial of its key (a version's bucket, or a training-process
 * cell) and, every flush interval, forwards the partials and clears them. Partials live in a logged, cached store, so they commit
 * atomically with the input offsets; only a handful of records per bucket cross the repartition
 * topic instead of one per interaction, and a hot version is spread over all input partitions.
 */
public final class PartialAccumulator<I, K> implements Processor<I, Verdict, K, BucketStats> {

    private final String storeName;
    private final BiFunction<I, Verdict, K> keyOf;
    private final Function<K, BucketStats> emptyOf;
    private final Duration flushInterval;
    private ProcessorContext<K, BucketStats> context;
    private KeyValueStore<K, BucketStats> deltas;
    /**
     * The partials this processor put since its last flush, already deserialized: the store stays
     * the truth (it is what commits), this only spares one deserialization per interaction.
     */
    private Map<K, BucketStats> written;

    /**
     * @param storeName the logged store holding the partials
     * @param keyOf     the partial a (record key, verdict) adds to
     * @param emptyOf   a fresh partial for a key
     */
    public PartialAccumulator(String storeName, BiFunction<I, Verdict, K> keyOf, Function<K, BucketStats> emptyOf, Duration flushInterval) {
        this.storeName = storeName;
        this.keyOf = keyOf;
        this.emptyOf = emptyOf;
        this.flushInterval = flushInterval;
    }

    /** The version statistics' accumulator: partials per (model, version, bucket of the event time). */
    static PartialAccumulator<String, BucketKey> ofBuckets(Duration bucketSize, Duration flushInterval) {
        long bucketMs = bucketSize.toMillis();
        return new PartialAccumulator<>(Names.DELTA_STORE, (id, verdict) -> {
            long eventTime = verdict.getEventTime().toEpochMilli();
            return new BucketKey(verdict.getModel(), verdict.getVersion(), eventTime - Math.floorMod(eventTime, bucketMs));
        }, key -> BucketStatsMath.empty(key, bucketMs), flushInterval);
    }

    @Override
    public void init(ProcessorContext<K, BucketStats> context) {
        this.context = context;
        this.deltas = context.getStateStore(storeName);
        // Also on re-initialisation after a failed transaction, when the store is rolled back.
        this.written = new HashMap<>();
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    @Override
    public void process(Record<I, Verdict> record) {
        Verdict verdict = record.value();
        K key = keyOf.apply(record.key(), verdict);
        BucketStats partial = written.get(key);
        if (partial == null) {
            partial = deltas.get(key);
        }
        if (partial == null) {
            partial = emptyOf.apply(key);
        }
        BucketStatsMath.add(partial, verdict);
        deltas.put(key, partial);
        written.put(key, partial);
    }

    private void flush(long now) {
        List<KeyValue<K, BucketStats>> pending = new ArrayList<>();
        try (KeyValueIterator<K, BucketStats> all = deltas.all()) {
            all.forEachRemaining(pending::add);
        }
        for (KeyValue<K, BucketStats> entry : pending) {
            context.forward(new Record<>(entry.key, entry.value, now));
            deltas.delete(entry.key);
        }
        written.clear();
    }
}
