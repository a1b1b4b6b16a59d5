package org.alignmentmonitor.connectors;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.alignmentmonitor.avro.Interaction;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces accepted interactions to a topic and rejected lines to its dead-letter topic.
 *
 * <p>One producer carries both topics, so both share one idempotent session and its batches; the
 * interaction serializer is the caller's, so the caller picks the wire format. Sends are
 * asynchronous: the first failure is kept and rethrown by the next send, {@link #flush()} or
 * {@link #close()}, because a sink that drops records quietly would bias every rate computed
 * downstream. Safe to share between threads, like the producer.
 */
public final class KafkaRecordSink implements RecordSink, AutoCloseable {

    public static final String HEADER_REASON = "dlq.reason";
    public static final String HEADER_SOURCE = "dlq.source";
    public static final String HEADER_LINE = "dlq.line";
    public static final String HEADER_STAGE = "dlq.stage";
    public static final String HEADER_TIMESTAMP = "dlq.timestamp";
    public static final String HEADER_TRUNCATED = "dlq.truncated";
    public static final String STAGE = "ingest";

    /** Dead-letter values stay well under the default 1 MB request size even in 3-byte UTF-8. */
    static final int MAX_DEAD_LETTER_CHARS = 128 * 1024;

    private static final Logger log = LoggerFactory.getLogger(KafkaRecordSink.class);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String deadLetterTopic;
    private final Serializer<Interaction> serializer;
    private final Clock clock;
    private final Map<TopicPartition, Long> lastOffsets = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Callback onInteractionAck = (metadata, error) -> {
        if (error == null) {
            lastOffsets.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset(), Math::max);
        } else {
            fail(error);
        }
    };
    private final Callback onDeadLetterAck = (metadata, error) -> {
        if (error != null) {
            fail(error);
        }
    };

    /**
     * @param producerSettings producer settings ({@code bootstrap.servers}, security...); they win over
     *                         the defaults of {@link #withDefaults(Map)}; serializers are set here
     */
    public KafkaRecordSink(Map<String, Object> producerSettings, String topic, String deadLetterTopic,
                           Serializer<Interaction> interactionSerializer) {
        this(new KafkaProducer<>(withDefaults(producerSettings), new StringSerializer(), new ByteArraySerializer()),
                topic, deadLetterTopic, interactionSerializer, Clock.systemUTC());
    }

    /** For callers (and tests) that manage the producer themselves; the sink closes it. */
    public KafkaRecordSink(Producer<String, byte[]> producer, String topic, String deadLetterTopic,
                           Serializer<Interaction> interactionSerializer, Clock clock) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        this.serializer = Objects.requireNonNull(interactionSerializer, "interactionSerializer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Fast, safe producer defaults, overridden by whatever {@code settings} holds. */
    public static Map<String, Object> withDefaults(Map<String, Object> settings) {
        Map<String, Object> merged = new HashMap<>();
        merged.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        merged.put(ProducerConfig.ACKS_CONFIG, "all");
        merged.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        merged.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        merged.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        merged.putAll(settings);
        return merged;
    }

    @Override
    public void accept(Interaction interaction) {
        throwIfFailed();
        RecordHeaders headers = new RecordHeaders();
        byte[] value = serializer.serialize(topic, headers, interaction);
        producer.send(new ProducerRecord<>(topic, null, interaction.getId(), value, headers), onInteractionAck);
    }

    @Override
    public void reject(LogLine line, String reason) {
        throwIfFailed();
        String text = line.text();
        RecordHeaders headers = new RecordHeaders();
        header(headers, HEADER_REASON, reason);
        header(headers, HEADER_SOURCE, line.source());
        header(headers, HEADER_LINE, Long.toString(line.lineNumber()));
        header(headers, HEADER_STAGE, STAGE);
        header(headers, HEADER_TIMESTAMP, clock.instant().toString());
        if (text.length() > MAX_DEAD_LETTER_CHARS) {
            text = text.substring(0, MAX_DEAD_LETTER_CHARS);
            header(headers, HEADER_TRUNCATED, "true");
        }
        byte[] value = text.getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(deadLetterTopic, null, line.location(), value, headers), onDeadLetterAck);
    }

    /** Waits until every record sent so far is acknowledged; throws the first send failure, if any. */
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    /**
     * Highest acknowledged offset per partition of the interactions topic. Call after {@link #flush()}
     * to learn how far a consumer must read (committed offset = value + 1) to have seen everything.
     */
    public Map<TopicPartition, Long> lastOffsets() {
        return Map.copyOf(lastOffsets);
    }

    /** Flushes, closes the producer, then throws the first send failure, if any. */
    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close();
        }
        throwIfFailed();
    }

    private void fail(Exception error) {
        if (firstFailure.compareAndSet(null, error)) {
            log.error("Send failed; the sink stops accepting records", error);
        }
    }

    private void throwIfFailed() {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new KafkaException("an earlier send to " + topic + " or " + deadLetterTopic + " failed", failure);
        }
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
