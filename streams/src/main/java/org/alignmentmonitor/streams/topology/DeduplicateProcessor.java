package org.alignmentmonitor.streams.topology;

import java.time.Duration;

import org.alignmentmonitor.avro.Interaction;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Passes each interaction id once within the horizon. Ids are remembered in a window store under
 * the start of their "epoch" (half a horizon long), so a lookup is two or three point reads rather
 * than a range scan, and expiry is RocksDB dropping whole segments. An id is remembered for at
 * least the horizon and at most one and a half horizons. Relies on the input being keyed (hence
 * partitioned) by interaction id.
 */
final class DeduplicateProcessor implements FixedKeyProcessor<String, Interaction, Interaction> {

    /** Epochs that can still hold an id seen within the horizon: the current one and the two before. */
    static final int EPOCHS_CHECKED = 3;
    /**
     * Only an id's presence matters, so the value is empty: every interaction writes one changelog record, and the
     * 8-byte timestamp it used to carry was never read. Values written before (8 bytes) read as present all the same.
     */
    private static final byte[] SEEN = new byte[0];

    private final long epochMs;
    private FixedKeyProcessorContext<String, Interaction> context;
    private WindowStore<String, byte[]> seen;

    DeduplicateProcessor(Duration horizon) {
        this.epochMs = epochLength(horizon).toMillis();
    }

    /** Half the horizon: the store's retention is then {@code EPOCHS_CHECKED} epochs. */
    static Duration epochLength(Duration horizon) {
        return horizon.dividedBy(2);
    }

    static Duration retention(Duration horizon) {
        return epochLength(horizon).multipliedBy(EPOCHS_CHECKED);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Interaction> context) {
        this.context = context;
        this.seen = context.getStateStore(Names.DEDUP_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, Interaction> record) {
        String id = record.value().getId();
        long epoch = record.timestamp() - Math.floorMod(record.timestamp(), epochMs);
        for (int back = 0; back < EPOCHS_CHECKED; back++) {
            if (seen.fetch(id, epoch - back * epochMs) != null) {
                return;
            }
        }
        seen.put(id, SEEN, epoch);
        context.forward(record);
    }
}
