package org.alignmentmonitor.streams.topology;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Serde of {@link BucketKey} in its order-preserving byte form. */
public final class BucketKeySerde implements Serde<BucketKey> {

    @Override
    public Serializer<BucketKey> serializer() {
        return (topic, key) -> key == null ? null : key.toBytes();
    }

    @Override
    public Deserializer<BucketKey> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return BucketKey.fromBytes(bytes);
            } catch (IllegalArgumentException e) {
                throw new SerializationException("bad bucket key on " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
