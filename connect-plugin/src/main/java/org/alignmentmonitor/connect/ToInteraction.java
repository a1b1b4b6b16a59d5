package org.alignmentmonitor.connect;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.alignmentmonitor.connectors.KafkaRecordSink;
import org.alignmentmonitor.connectors.ingest.SourceLocation;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Single Message Transformation: a raw log record becomes an Interaction (Confluent wire format bytes,
 * keyed by its id) on the interactions topic; a record that cannot be read goes, untouched, to the
 * dead-letter topic with the project's {@code dlq.*} headers; records that are not LLM calls (other
 * spans) are dropped. Pair it with {@code value.converter=ByteArrayConverter} and
 * {@code key.converter=StringConverter}.
 */
public final class ToInteraction<R extends ConnectRecord<R>> implements Transformation<R> {

    private InteractionEncoder encoder;
    private String topic;
    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        PluginConfig config = new PluginConfig(configs);
        encoder = new InteractionEncoder(config);
        topic = config.topic();
        deadLetterTopic = config.deadLetterTopic();
    }

    @Override
    public R apply(R record) {
        SourceLocation where = location(record);
        InteractionEncoder.Result result = encoder.encode(record.value(), where);
        if (result instanceof InteractionEncoder.Encoded encoded) {
            return record.newRecord(topic, null, Schema.STRING_SCHEMA, encoded.id(),
                    Schema.BYTES_SCHEMA, encoded.value(), record.timestamp(), record.headers());
        }
        if (result instanceof InteractionEncoder.Rejected rejected) {
            return deadLetter(record, rejected.reason(), where);
        }
        return null;
    }

    private R deadLetter(R record, String reason, SourceLocation where) {
        Headers headers = new ConnectHeaders(record.headers());
        headers.addString(KafkaRecordSink.HEADER_REASON, reason);
        headers.addString(KafkaRecordSink.HEADER_SOURCE, where.describe());
        headers.addString(KafkaRecordSink.HEADER_STAGE, KafkaRecordSink.STAGE);
        headers.addString(KafkaRecordSink.HEADER_TIMESTAMP, Instant.now().toString());
        byte[] raw;
        try {
            raw = InteractionEncoder.rawBytes(record.value());
        } catch (IllegalArgumentException e) {
            raw = String.valueOf(record.value()).getBytes(StandardCharsets.UTF_8);
        }
        return record.newRecord(deadLetterTopic, null, Schema.OPTIONAL_STRING_SCHEMA, where.describe(),
                Schema.OPTIONAL_BYTES_SCHEMA, raw, record.timestamp(), headers);
    }

    /** Sink records know their offset; source records only their target topic and partition. */
    private static SourceLocation location(ConnectRecord<?> record) {
        int partition = record.kafkaPartition() == null ? -1 : record.kafkaPartition();
        long offset = record instanceof SinkRecord sink ? sink.kafkaOffset() : -1;
        return new SourceLocation.TopicOffset(record.topic(), partition, offset);
    }

    @Override
    public ConfigDef config() {
        return PluginConfig.DEFINITION;
    }

    @Override
    public void close() {
    }
}
