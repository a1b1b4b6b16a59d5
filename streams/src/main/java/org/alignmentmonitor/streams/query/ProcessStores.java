package org.alignmentmonitor.streams.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.streams.process.ProcessCellKey;
import org.alignmentmonitor.streams.process.ProcessPartitioner;
import org.alignmentmonitor.streams.topology.Names;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Interactive queries over the training-process cells held by this instance (all cells of a process live together). */
public final class ProcessStores {

    private final KafkaStreams streams;

    public ProcessStores(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Which instance holds the cells of {@code process}; {@link KeyQueryMetadata#NOT_AVAILABLE} while rebalancing. */
    public KeyQueryMetadata owner(String process) {
        return streams.queryMetadataForKey(Names.PROCESS_CELL_STORE, ProcessCellKey.processPrefix(process),
                new ProcessPartitioner()::partitions);
    }

    /** Every cell of one process, in key order. */
    public Map<ProcessCellKey, BucketStats> localCells(String process) {
        Map<ProcessCellKey, BucketStats> out = new LinkedHashMap<>();
        try (KeyValueIterator<String, BucketStats> it = store().prefixScan(ProcessCellKey.processPrefix(process), new StringSerializer())) {
            it.forEachRemaining(kv -> out.put(ProcessCellKey.parse(kv.key), kv.value));
        }
        return out;
    }

    /** Every cell on this instance, grouped by process. */
    public Map<String, Map<ProcessCellKey, BucketStats>> localProcesses() {
        Map<String, Map<ProcessCellKey, BucketStats>> out = new TreeMap<>();
        try (KeyValueIterator<String, BucketStats> it = store().all()) {
            it.forEachRemaining(kv -> {
                ProcessCellKey key = ProcessCellKey.parse(kv.key);
                out.computeIfAbsent(key.process(), p -> new LinkedHashMap<>()).put(key, kv.value);
            });
        }
        return out;
    }

    private ReadOnlyKeyValueStore<String, BucketStats> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(Names.PROCESS_CELL_STORE,
                QueryableStoreTypes.<String, BucketStats>keyValueStore()));
    }
}
