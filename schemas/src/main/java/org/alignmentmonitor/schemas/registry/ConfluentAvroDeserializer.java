package org.alignmentmonitor.schemas.registry;

import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.FastReaderBuilder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire format into a generated Avro class. The writer schema is fetched by id (once)
 * and resolved against the class's own schema, so records written with older or newer compatible
 * schemas read fine.
 *
 * <p>Bytes that cannot be this record (empty, another framing, unknown id, truncated or trailing
 * data, incompatible writer) throw {@link SerializationException} with a message fit for a
 * dead-letter header. An unreachable registry throws {@link SchemaRegistryException} instead: that
 * is not the record's fault and it must not be dead-lettered.
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private static final int CACHE_CAPACITY = 1000;
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private final SchemaRegistryClient client;
    private final Schema readerSchema;
    private final SpecificData model;
    private final BoundedCache<Integer, DatumReader<T>> readers = new BoundedCache<>(CACHE_CAPACITY);

    public ConfluentAvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this.client = Objects.requireNonNull(client, "client");
        this.model = TrustedSpecificData.forClass(Objects.requireNonNull(type, "type"));
        this.readerSchema = model.getSchema(type);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int id = ConfluentWireFormat.readSchemaId(topic, data);
        DatumReader<T> reader = reader(topic, id);
        int bodyLength = data.length - ConfluentWireFormat.HEADER_SIZE;
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_SIZE, bodyLength, DECODERS.get());
        DECODERS.set(decoder);
        T value;
        try {
            value = reader.read(null, decoder);
        } catch (EOFException e) {
            throw new SerializationException(String.format("truncated Avro payload on topic %s: %d bytes after the header are too few for a %s written with schema id %d",
                    topic, bodyLength, readerSchema.getName(), id), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(String.format("malformed Avro payload on topic %s for %s written with schema id %d: %s",
                    topic, readerSchema.getName(), id, e), e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new SerializationException(String.format("%d unread bytes after the %s record on topic %s (schema id %d): corrupt or wrong schema id?",
                        decoder.inputStream().available(), readerSchema.getName(), topic, id));
            }
        } catch (IOException e) {
            throw new SerializationException("cannot check the end of the Avro payload on topic " + topic + ": " + e, e);
        }
        return value;
    }

    private DatumReader<T> reader(String topic, int id) {
        DatumReader<T> reader = readers.get(id);
        if (reader != null) {
            return reader;
        }
        Schema writerSchema;
        try {
            writerSchema = client.getById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new SerializationException("unknown schema id " + id + " on topic " + topic
                        + ": the schema registry has no such schema (wrong registry, or the bytes are not Confluent Avro)", e);
            }
            throw e;
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        List<String> problems = CompatibilityLevel.describe(compatibility, "cannot read");
        if (!problems.isEmpty()) {
            throw new SerializationException(String.format("record on topic %s was written with schema id %d (%s) that %s cannot read: %s",
                    topic, id, writerSchema.getFullName(), readerSchema.getFullName(), String.join("; ", problems)));
        }
        reader = fastReader(topic, id, writerSchema);
        readers.put(id, reader);
        return reader;
    }

    /**
     * Avro's fast reader, built here because Avro only picks it itself for plain {@code SpecificData}, not for
     * {@link TrustedSpecificData}. It resolves the schemas, classes and conversions once per writer schema instead
     * of on every record: decoding a real interaction went from about 2.7 to 1.7 µs of CPU.
     */
    private DatumReader<T> fastReader(String topic, int id, Schema writerSchema) {
        try {
            return new FastReaderBuilder(model).createDatumReader(writerSchema, readerSchema);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(String.format("cannot build a reader of %s for schema id %d on topic %s: %s",
                    readerSchema.getFullName(), id, topic, e), e);
        }
    }
}
