package org.alignmentmonitor.schemas.registry;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka {@link Serde} for one generated Avro class in Confluent wire format. */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    public ConfluentAvroSerde(Class<T> type, SchemaRegistryClient client, boolean isKey) {
        this.serializer = new ConfluentAvroSerializer<>(client, isKey);
        this.deserializer = new ConfluentAvroDeserializer<>(client, type);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
