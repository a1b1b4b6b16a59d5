package org.alignmentmonitor.monitor.otlp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.KafkaRecordSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes one export's Interactions and dead letters and waits until the broker has them all (acks=all),
 * so that a span is acknowledged to the exporter only once it is durable. Unlike the replay sink, a
 * failed write fails only its own export (the exporter retries it), never the writer.
 */
final class SpanWriter implements AutoCloseable {

    /** Dead-letter header naming the encoding of the value (the rejected span as a one-span export). */
    static final String HEADER_FORMAT = "dlq.format";

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String deadLetterTopic;
    private final Serializer<Interaction> serializer;
    private final Clock clock;

    SpanWriter(Map<String, Object> clientConfig, String topic, String deadLetterTopic, Serializer<Interaction> serializer) {
        Map<String, Object> settings = new HashMap<>(clientConfig);
        // Fail fast when the broker is away: the exporter gets 503 and retries, instead of a hung request.
        settings.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        settings.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(KafkaRecordSink.withDefaults(settings), new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
        this.serializer = serializer;
        this.clock = Clock.systemUTC();
    }

    /** A span that could not be read, with its reason and where it came from. */
    record DeadLetter(byte[] span, String format, String reason, String source, int index) {
    }

    /**
     * @throws TimeoutException when the broker did not acknowledge everything in time
     * @throws KafkaException   when a write failed
     */
    void write(List<Interaction> interactions, List<DeadLetter> deadLetters, Duration timeout)
            throws TimeoutException, InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(interactions.size() + deadLetters.size());
        for (Interaction interaction : interactions) {
            RecordHeaders headers = new RecordHeaders();
            byte[] value = serializer.serialize(topic, headers, interaction);
            acks.add(producer.send(new ProducerRecord<>(topic, null, interaction.getId(), value, headers)));
        }
        for (DeadLetter letter : deadLetters) {
            RecordHeaders headers = new RecordHeaders();
            header(headers, KafkaRecordSink.HEADER_REASON, letter.reason());
            header(headers, KafkaRecordSink.HEADER_SOURCE, letter.source());
            header(headers, KafkaRecordSink.HEADER_LINE, Integer.toString(letter.index()));
            header(headers, KafkaRecordSink.HEADER_STAGE, KafkaRecordSink.STAGE);
            header(headers, KafkaRecordSink.HEADER_TIMESTAMP, clock.instant().toString());
            header(headers, HEADER_FORMAT, letter.format());
            acks.add(producer.send(new ProducerRecord<>(deadLetterTopic, null, letter.source(), letter.span(), headers)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new KafkaException("write to " + topic + " or " + deadLetterTopic + " failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
