package org.alignmentmonitor.streams.process;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.streams.topology.BucketStatsMath;
import org.alignmentmonitor.streams.topology.Names;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Adds each delta to its process cell's all-time statistics. */
final class ProcessCellMerger implements Processor<String, BucketStats, Void, Void> {

    private KeyValueStore<String, BucketStats> cells;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.cells = context.getStateStore(Names.PROCESS_CELL_STORE);
    }

    @Override
    public void process(Record<String, BucketStats> record) {
        BucketStats current = cells.get(record.key());
        cells.put(record.key(), current == null ? record.value() : BucketStatsMath.mergeInto(current, record.value()));
    }
}
