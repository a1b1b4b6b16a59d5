package org.alignmentmonitor.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaRecordSinkTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    /** A stand-in wire format: the caller's serializer decides, the sink only forwards bytes. */
    private static final Serializer<Interaction> ID_SERIALIZER =
            (topic, interaction) -> ("wire:" + interaction.getId()).getBytes(StandardCharsets.UTF_8);

    private static Interaction interaction(String id) {
        return Interaction.newBuilder().setId(id).setEventTime(NOW).setModel("m").setVersion("v")
                .setConversation(List.of(new Message("user", "hi"))).setCompletion("hello").build();
    }

    private static MockProducer<String, byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaRecordSink sink(MockProducer<String, byte[]> producer) {
        return new KafkaRecordSink(producer, "interactions", "interactions-dlq", ID_SERIALIZER, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String header(ProducerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void producesInteractionsKeyedByIdAndTracksAcknowledgedOffsets() {
        MockProducer<String, byte[]> producer = producer(true);
        try (KafkaRecordSink sink = sink(producer)) {
            sink.accept(interaction("a"));
            sink.accept(interaction("b"));
            sink.flush();

            assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key)
                    .containsExactly(tuple("interactions", "a"),
                            tuple("interactions", "b"));
            assertThat(new String(producer.history().get(1).value(), StandardCharsets.UTF_8)).isEqualTo("wire:b");
            assertThat(sink.lastOffsets()).isEqualTo(Map.of(new TopicPartition("interactions", 0), 1L));
        }
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void sendsRejectedLinesToTheDeadLetterTopicWithHeaders() {
        MockProducer<String, byte[]> producer = producer(true);
        try (KafkaRecordSink sink = sink(producer)) {
            sink.reject(new LogLine("logs/a.jsonl", 12, "{oops"), "not JSON: boom");
            sink.reject(new LogLine("logs/a.jsonl", 13, "x".repeat(KafkaRecordSink.MAX_DEAD_LETTER_CHARS + 5)), "line larger");
            sink.flush();

            ProducerRecord<String, byte[]> record = producer.history().get(0);
            assertThat(record.topic()).isEqualTo("interactions-dlq");
            assertThat(record.key()).isEqualTo("logs/a.jsonl:12");
            assertThat(record.value()).isEqualTo("{oops".getBytes(StandardCharsets.UTF_8));
            assertThat(header(record, "dlq.reason")).isEqualTo("not JSON: boom");
            assertThat(header(record, "dlq.source")).isEqualTo("logs/a.jsonl");
            assertThat(header(record, "dlq.line")).isEqualTo("12");
            assertThat(header(record, "dlq.stage")).isEqualTo("ingest");
            assertThat(header(record, "dlq.timestamp")).isEqualTo("2030-01-01T00:00:00Z");
            assertThat(header(record, "dlq.truncated")).isNull();
            assertThat(producer.history().get(1).value()).hasSize(KafkaRecordSink.MAX_DEAD_LETTER_CHARS);
            assertThat(header(producer.history().get(1), "dlq.truncated")).isEqualTo("true");
            assertThat(sink.lastOffsets()).isEmpty();
        }
    }

    @Test
    void surfacesTheFirstSendFailure() {
        MockProducer<String, byte[]> producer = producer(false);
        KafkaRecordSink sink = sink(producer);
        sink.accept(interaction("a"));
        sink.accept(interaction("b"));
        producer.completeNext();
        TimeoutException timeout = new TimeoutException("broker gone");
        producer.errorNext(timeout);

        assertThatThrownBy(sink::flush).isInstanceOf(KafkaException.class).hasCause(timeout);
        assertThatThrownBy(() -> sink.accept(interaction("c"))).hasCause(timeout);
        assertThatThrownBy(sink::close).hasCause(timeout);
        assertThat(producer.history()).hasSize(2);
        assertThat(producer.closed()).isTrue();
        assertThat(sink.lastOffsets()).isEqualTo(Map.of(new TopicPartition("interactions", 0), 0L));
    }

    @Test
    void defaultsAreSafeAndFastButCallerSettingsWin() {
        Map<String, Object> settings = KafkaRecordSink.withDefaults(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092", ProducerConfig.LINGER_MS_CONFIG, 5));

        assertThat(settings).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");
    }

    @Test
    void aRealProducerThatCannotReachTheClusterFailsOnFlush() {
        Map<String, Object> settings = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 300,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 400);
        KafkaRecordSink sink = new KafkaRecordSink(settings, "interactions", "interactions-dlq", ID_SERIALIZER);

        sink.accept(interaction("a"));

        assertThatThrownBy(sink::flush).isInstanceOf(KafkaException.class)
                .hasMessageContaining("an earlier send").hasRootCauseInstanceOf(TimeoutException.class);
        assertThatThrownBy(sink::close).isInstanceOf(KafkaException.class);
        assertThat(sink.lastOffsets()).isEmpty();
    }
}
