package org.alignmentmonitor.schemas.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in Confluent wire format. The record's schema is registered under
 * the TopicNameStrategy subject ({@code <topic>-value} or {@code <topic>-key}) the first time it is
 * seen for that subject, then served from a cache.
 *
 * <p>A registry that rejects the schema (incompatible, invalid) is a problem with this data and
 * surfaces as a {@link SerializationException}; an unreachable registry surfaces as a
 * {@link SchemaRegistryException}.
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private static final int CACHE_CAPACITY = 1000;
    /** A thread keeps its buffer between records unless one record made it grow beyond this. */
    private static final int MAX_RETAINED_BUFFER_BYTES = 1 << 20;
    private static final byte[] HEADER_PLACEHOLDER = new byte[ConfluentWireFormat.HEADER_SIZE];
    private static final ThreadLocal<EncodeBuffer> BUFFERS = ThreadLocal.withInitial(EncodeBuffer::new);

    private final SchemaRegistryClient client;
    private final boolean isKey;
    private final BoundedCache<SubjectSchema, Integer> ids = new BoundedCache<>(CACHE_CAPACITY);
    private final BoundedCache<Schema, DatumWriter<T>> writers = new BoundedCache<>(CACHE_CAPACITY);

    public ConfluentAvroSerializer(SchemaRegistryClient client, boolean isKey) {
        this.client = Objects.requireNonNull(client, "client");
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (topic == null) {
            throw new SerializationException("a topic is required to derive the schema registry subject (TopicNameStrategy)");
        }
        Schema schema = data.getSchema();
        int id = schemaId(topic, schema);
        try {
            return BUFFERS.get().encode(id, data, writer(data));
        } catch (IOException | RuntimeException e) {
            BUFFERS.remove();
            throw new SerializationException("cannot encode " + schema.getFullName() + " for topic " + topic + ": " + e, e);
        }
    }

    private int schemaId(String topic, Schema schema) {
        String subject = topic + (isKey ? "-key" : "-value");
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer id = ids.get(key);
        if (id == null) {
            try {
                id = client.register(subject, schema);
            } catch (SchemaRegistryException e) {
                if (e.httpStatus() == 409 || e.httpStatus() == 422) {
                    throw new SerializationException("the schema registry rejected " + schema.getFullName()
                            + " for subject " + subject + ": " + e.getMessage(), e);
                }
                throw e;
            }
            ids.put(key, id);
        }
        return id;
    }

    private DatumWriter<T> writer(T data) {
        Schema schema = data.getSchema();
        DatumWriter<T> writer = writers.get(schema);
        if (writer == null) {
            writer = new SpecificDatumWriter<>(schema, TrustedSpecificData.forClass(data.getClass()));
            writers.put(schema, writer);
        }
        return writer;
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    /** Per-thread output buffer and encoder, reused across records. */
    private static final class EncodeBuffer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        private BinaryEncoder encoder;

        <T> byte[] encode(int schemaId, T datum, DatumWriter<T> writer) throws IOException {
            out.reset();
            out.write(HEADER_PLACEHOLDER);
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            writer.write(datum, encoder);
            encoder.flush();
            byte[] bytes = out.toByteArray();
            ConfluentWireFormat.writeHeader(bytes, schemaId);
            if (bytes.length > MAX_RETAINED_BUFFER_BYTES) {
                BUFFERS.remove();
            }
            return bytes;
        }
    }
}
