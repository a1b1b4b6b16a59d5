package org.alignmentmonitor.schemas.registry;

import static org.alignmentmonitor.schemas.registry.TestRecords.interaction;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.alignmentmonitor.avro.Interaction;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes on a topic either read as a record or fail with {@link SerializationException} (the
 * dead-letter path); never another exception, an error, or a hang. Without {@code JAZZER_FUZZ} this
 * replays the inputs under {@code src/test/resources/.../ConfluentAvroDeserializerFuzzTestInputs}.
 */
class ConfluentAvroDeserializerFuzzTest {

    private static final String TOPIC = "interactions";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final ConfluentAvroSerde<Interaction> serde = AvroSerdes.specific(Interaction.class, registry, false);
    /** A real record's framing, so the fuzzer starts from a known schema id rather than guessing one. */
    private final byte[] valid = serde.serializer().serialize(TOPIC, interaction("seed"));

    @FuzzTest(maxDuration = "5s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldReadARecordOrThrowSerializationExceptionWhenGivenAnyBytes(FuzzedDataProvider data) {
        byte[] payload = data.consumeBoolean() ? withValidHeader(data.consumeRemainingAsBytes()) : data.consumeRemainingAsBytes();
        try {
            serde.deserializer().deserialize(TOPIC, payload);
        } catch (SerializationException expected) {
            // the documented outcome for bytes that are not an Interaction
        }
    }

    private byte[] withValidHeader(byte[] body) {
        byte[] framed = new byte[ConfluentWireFormat.HEADER_SIZE + body.length];
        System.arraycopy(valid, 0, framed, 0, ConfluentWireFormat.HEADER_SIZE);
        System.arraycopy(body, 0, framed, ConfluentWireFormat.HEADER_SIZE, body.length);
        return framed;
    }
}
