package org.alignmentmonitor.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Puts every bucket of one (model, version) in one partition, so one store range scan answers a
 * version's rate and interactive queries know which instance to ask.
 */
public final class VersionPartitioner implements StreamPartitioner<BucketKey, Object> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, BucketKey key, Object value, int numPartitions) {
        byte[] label = (key.model() + '\0' + key.version()).getBytes(StandardCharsets.UTF_8);
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(label)) % numPartitions));
    }
}
