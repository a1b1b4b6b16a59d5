package org.alignmentmonitor.streams.process;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** Puts every cell of one training process in one partition, so one instance answers for a whole scorecard. */
public final class ProcessPartitioner implements StreamPartitioner<String, Object> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String cellKey, Object value, int numPartitions) {
        String process = cellKey.substring(0, Math.max(0, cellKey.indexOf('\0')));
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(process.getBytes(StandardCharsets.UTF_8))) % numPartitions));
    }
}
