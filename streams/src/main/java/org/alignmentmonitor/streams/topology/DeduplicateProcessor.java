package org.alignmentmonitor.streams.topology;

import java.time.Duration;

import org.alignmentmonitor.avro.Interaction;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Passes each interaction id once within the horizon. Ids are remembered in a window store keyed by
 * id, so expiry is dropping whole segments rather than scanning. Relies on the input being keyed
 * (hence partitioned) by interaction id.
 */
final class DeduplicateProcessor implements FixedKeyProcessor<String, Interaction, Interaction> {

    private final long horizonMs;
    private FixedKeyProcessorContext<String, Interaction> context;
    private WindowStore<String, Long> seen;

    DeduplicateProcessor(Duration horizon) {
        this.horizonMs = horizon.toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Interaction> context) {
        this.context = context;
        this.seen = context.getStateStore(Names.DEDUP_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, Interaction> record) {
        String id = record.value().getId();
        long ts = record.timestamp();
        if (isDuplicate(id, ts)) {
            return;
        }
        seen.put(id, ts, ts);
        context.forward(record);
    }

    private boolean isDuplicate(String id, long ts) {
        try (WindowStoreIterator<Long> hits = seen.fetch(id, ts - horizonMs, ts + horizonMs)) {
            return hits.hasNext();
        }
    }
}
