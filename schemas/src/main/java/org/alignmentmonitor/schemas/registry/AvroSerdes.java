package org.alignmentmonitor.schemas.registry;

import org.apache.avro.specific.SpecificRecord;

/** Factory for the Confluent-compatible Avro serdes. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A serde for {@code type} whose subjects follow TopicNameStrategy ({@code <topic>-key} or {@code <topic>-value}). */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> specific(Class<T> type, SchemaRegistryClient client, boolean isKey) {
        return new ConfluentAvroSerde<>(type, client, isKey);
    }
}
