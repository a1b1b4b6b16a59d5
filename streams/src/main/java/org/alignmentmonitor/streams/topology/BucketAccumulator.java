package org.alignmentmonitor.streams.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * Adds each verdict to a per-task partial of its (model, version, bucket) and, every flush interval,
 * forwards the partials and clears them. Partials live in a logged, cached store, so they commit
 * atomically with the input offsets; only a handful of records per bucket cross the repartition
 * topic instead of one per interaction, and a hot version is spread over all input partitions.
 */
final class BucketAccumulator implements Processor<String, Verdict, BucketKey, BucketStats> {

    private final long bucketMs;
    private final Duration flushInterval;
    private ProcessorContext<BucketKey, BucketStats> context;
    private KeyValueStore<BucketKey, BucketStats> deltas;
    /**
     * The partials this processor put since its last flush, already deserialized: the store stays
     * the truth (it is what commits), this only spares one deserialization per interaction.
     */
    private Map<BucketKey, BucketStats> written;

    BucketAccumulator(Duration bucketSize, Duration flushInterval) {
        this.bucketMs = bucketSize.toMillis();
        this.flushInterval = flushInterval;
    }

    @Override
    public void init(ProcessorContext<BucketKey, BucketStats> context) {
        this.context = context;
        this.deltas = context.getStateStore(Names.DELTA_STORE);
        // Also on re-initialisation after a failed transaction, when the store is rolled back.
        this.written = new HashMap<>();
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    @Override
    public void process(Record<String, Verdict> record) {
        Verdict verdict = record.value();
        long eventTime = verdict.getEventTime().toEpochMilli();
        BucketKey key = new BucketKey(verdict.getModel(), verdict.getVersion(), eventTime - Math.floorMod(eventTime, bucketMs));
        BucketStats partial = written.get(key);
        if (partial == null) {
            partial = deltas.get(key);
        }
        if (partial == null) {
            partial = BucketStatsMath.empty(key, bucketMs);
        }
        BucketStatsMath.add(partial, verdict);
        deltas.put(key, partial);
        written.put(key, partial);
    }

    private void flush(long now) {
        List<KeyValue<BucketKey, BucketStats>> pending = new ArrayList<>();
        try (KeyValueIterator<BucketKey, BucketStats> all = deltas.all()) {
            all.forEachRemaining(pending::add);
        }
        for (KeyValue<BucketKey, BucketStats> entry : pending) {
            context.forward(new Record<>(entry.key, entry.value, now));
            deltas.delete(entry.key);
        }
        written.clear();
    }
}
