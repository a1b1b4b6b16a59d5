package org.alignmentmonitor.schemas.registry;

import static org.alignmentmonitor.schemas.registry.TestRecords.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.avro.Verdict;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentAvroSerdeTest {

    private static final String TOPIC = "interactions";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final ConfluentAvroSerde<Interaction> serde = AvroSerdes.specific(Interaction.class, registry, false);

    @Test
    void shouldRoundTripAGeneratedRecord() {
        Interaction original = interaction("i-1");

        byte[] bytes = serde.serializer().serialize(TOPIC, original);

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(original);
        assertThat(registry.subjects()).containsExactly("interactions-value");
    }

    @Test
    void shouldWriteMagicByteThenBigEndianSchemaIdThenAvroBinary() throws IOException {
        SchemaRegistryClient fixedId = new FixedIdClient(0x01020304);
        Interaction record = interaction("i-2");

        byte[] bytes = new ConfluentAvroSerializer<Interaction>(fixedId, false).serialize(TOPIC, record);

        assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0, 1, 2, 3, 4);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(record));
    }

    @Test
    void shouldRegisterUnderTheKeySubjectOncePerSchema() {
        CountingClient counting = new CountingClient(registry);
        ConfluentAvroSerializer<Interaction> serializer = new ConfluentAvroSerializer<>(counting, true);

        for (int i = 0; i < 100; i++) {
            serializer.serialize(TOPIC, interaction("i-" + i));
        }

        assertThat(counting.registrations).hasValue(1);
        assertThat(registry.subjects()).containsExactly("interactions-key");
    }

    @Test
    void shouldPassNullThroughAsNull() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldReadRecordsWrittenWithAnOlderSchema() throws IOException {
        // Interaction as it might have been before selfAssessment, metadata and most optional fields existed.
        Schema older = new Schema.Parser().parse("""
                {"type":"record","name":"Interaction","namespace":"org.alignmentmonitor.avro","fields":[
                  {"name":"id","type":"string"},
                  {"name":"eventTime","type":{"type":"long","logicalType":"timestamp-millis"}},
                  {"name":"model","type":"string"},
                  {"name":"version","type":"string"},
                  {"name":"completion","type":"string","default":""}]}""");
        GenericRecord old = new GenericData.Record(older);
        old.put("id", "old-1");
        old.put("eventTime", 1_700_000_000_000L);
        old.put("model", "m");
        old.put("version", "v1");
        old.put("completion", "hello");
        int id = registry.register("legacy-value", older);

        Interaction read = serde.deserializer().deserialize(TOPIC, frame(id, older, old));

        assertThat(read.getId()).isEqualTo("old-1");
        assertThat(read.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(read.getCompletion()).isEqualTo("hello");
        assertThat(read.getSelfAssessment()).isNull();
        assertThat(read.getMetadata()).isEmpty();
        assertThat(read.getConversation()).isEmpty();
    }

    @Test
    void shouldRejectEmptyPayload() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("empty payload on topic interactions");
    }

    @Test
    void shouldRejectUnknownMagicByte() {
        byte[] json = "{\"id\":\"i-1\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, json))
                .isInstanceOf(SerializationException.class)
                .hasMessage("unknown magic byte 0x7b on topic interactions: not Confluent wire format (is this plain JSON?)");
    }

    @Test
    void shouldNameAvroSingleObjectEncodingWhenItSeesIt() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {(byte) 0xc3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown magic byte 0xc3")
                .hasMessageContaining("Avro single-object encoding");
    }

    @Test
    void shouldRejectPayloadShorterThanTheHeader() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("payload of 3 bytes on topic interactions is shorter than the 5-byte Confluent header");
    }

    @Test
    void shouldRejectUnknownSchemaId() {
        byte[] bytes = serde.serializer().serialize(TOPIC, interaction("i-3"));
        ByteBuffer.wrap(bytes).putInt(1, 4242);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("unknown schema id 4242 on topic interactions");
    }

    @Test
    void shouldRejectNegativeSchemaIds() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessage("schema id -1 on topic interactions is negative: registries never issue one, the bytes are corrupt");
    }

    @Test
    void shouldRejectTruncatedAvro() {
        byte[] bytes = serde.serializer().serialize(TOPIC, interaction("i-4"));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 10);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("truncated Avro payload on topic interactions: " + (truncated.length - 5) + " bytes after the header are too few for a Interaction");
    }

    @Test
    void shouldRejectTrailingBytes() {
        byte[] bytes = serde.serializer().serialize(TOPIC, interaction("i-5"));
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, padded))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("3 unread bytes after the Interaction record on topic interactions");
    }

    @Test
    void shouldRejectMalformedAvro() {
        byte[] bytes = serde.serializer().serialize(TOPIC, interaction("i-6"));
        // The id string's length is the first varint: make it negative (zig-zag 0x01 = -1).
        bytes[5] = 0x01;

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("malformed Avro payload on topic interactions for Interaction written with schema id 1:");
    }

    @Test
    void shouldRejectRecordsOfAnotherTypeWithTheReason() {
        Verdict verdict = Verdict.newBuilder().setInteractionId("i").setModel("m").setVersion("v")
                .setEventTime(Instant.EPOCH).setResults(List.of()).setScore(0.1).setClassifierConfigVersion("c").setJudgedAt(Instant.EPOCH).build();
        byte[] bytes = AvroSerdes.specific(Verdict.class, registry, false).serializer().serialize("verdicts", verdict);

        assertThatThrownBy(() -> serde.deserializer().deserialize("verdicts", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("written with schema id 1 (org.alignmentmonitor.avro.Verdict) that org.alignmentmonitor.avro.Interaction cannot read")
                .hasMessageContaining("NAME_MISMATCH");
    }

    @Test
    void shouldReportASchemaTheRegistryRejectsAsSerializationError() {
        registry.register("interactions-value", TestRecords.record("Interaction", "{\"name\":\"x\",\"type\":\"int\"}"));

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, interaction("i-7")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("the schema registry rejected org.alignmentmonitor.avro.Interaction for subject interactions-value")
                .hasMessageContaining("incompatible");
    }

    @Test
    void shouldLeaveRegistryOutagesDistinctFromBadData() {
        SchemaRegistryClient down = new FixedIdClient(1) {
            @Override
            public Schema getById(int id) {
                throw new SchemaRegistryException(503, 503, "Service Unavailable");
            }
        };
        byte[] bytes = new ConfluentAvroSerializer<Interaction>(down, false).serialize(TOPIC, interaction("i-8"));

        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(down, Interaction.class).deserialize(TOPIC, bytes))
                .isExactlyInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void shouldStayCorrectWhenThreadsShareOneSerde() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        Interaction record = interaction("t" + thread + "-" + i);
                        record.setConversation(List.of(Message.newBuilder().setRole("user").setContent("x".repeat(i % 300)).build()));
                        if (!serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, record)).equals(record)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] plainAvro(Interaction record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(Interaction.class).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] frame(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Answers every registration with one id and knows only Interaction's schema. */
    private static class FixedIdClient implements SchemaRegistryClient {
        private final int id;

        FixedIdClient(int id) {
            this.id = id;
        }

        @Override
        public int register(String subject, Schema schema) {
            return id;
        }

        @Override
        public Schema getById(int id) {
            return Interaction.getClassSchema();
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            return true;
        }

        @Override
        public List<String> subjects() {
            return List.of();
        }

        @Override
        public List<Integer> versions(String subject) {
            return List.of();
        }

        @Override
        public RegisteredSchema latest(String subject) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
    }

    private static final class CountingClient extends FixedIdClient {
        final AtomicInteger registrations = new AtomicInteger();
        private final SchemaRegistryClient delegate;

        CountingClient(SchemaRegistryClient delegate) {
            super(0);
            this.delegate = delegate;
        }

        @Override
        public int register(String subject, Schema schema) {
            registrations.incrementAndGet();
            return delegate.register(subject, schema);
        }
    }
}
