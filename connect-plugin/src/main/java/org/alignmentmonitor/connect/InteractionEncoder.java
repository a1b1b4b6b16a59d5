package org.alignmentmonitor.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.ingest.ParseOutcome;
import org.alignmentmonitor.connectors.ingest.Parsers;
import org.alignmentmonitor.connectors.ingest.RecordParser;
import org.alignmentmonitor.connectors.ingest.SourceLocation;
import org.alignmentmonitor.schemas.registry.AvroSerdes;
import org.alignmentmonitor.schemas.registry.RegistryClientConfig;
import org.alignmentmonitor.schemas.registry.RestSchemaRegistryClient;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One Connect record value in, one Interaction in the Confluent wire format out (or the reason why
 * not). Connect maps one record to one record, so an OTLP batch must hold exactly one GenAI span here;
 * whole batches belong to the OTLP receiver or a raw-topic source.
 */
final class InteractionEncoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordParser parser;
    private final Serializer<Interaction> serializer;
    private final String topic;

    InteractionEncoder(PluginConfig config) {
        this.parser = Parsers.of(config.format(), config.parserSettings());
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryClientConfig.fromProperties(config.registrySettings()));
        this.serializer = AvroSerdes.specific(Interaction.class, registry, false).serializer();
        this.topic = config.topic();
    }

    sealed interface Result {
    }

    record Encoded(String id, byte[] value) implements Result {
    }

    record Rejected(String reason) implements Result {
    }

    record Skipped(String why) implements Result {
    }

    Result encode(Object value, SourceLocation where) {
        byte[] raw;
        try {
            raw = rawBytes(value);
        } catch (IllegalArgumentException e) {
            return new Rejected(e.getMessage());
        }
        if (raw == null) {
            return new Skipped("no value (tombstone)");
        }
        List<ParseOutcome> outcomes = parser.parse(raw, where);
        List<ParseOutcome.Accepted> accepted = outcomes.stream()
                .filter(ParseOutcome.Accepted.class::isInstance).map(ParseOutcome.Accepted.class::cast).toList();
        for (ParseOutcome outcome : outcomes) {
            if (outcome instanceof ParseOutcome.Rejected rejected) {
                return new Rejected(rejected.message());
            }
        }
        if (accepted.size() > 1) {
            return new Rejected(where.describe() + ": the record holds " + accepted.size()
                    + " LLM calls; Connect maps one record to one Interaction (send trace batches to the OTLP receiver or a raw-topic source)");
        }
        if (accepted.isEmpty()) {
            return new Skipped(outcomes.isEmpty() ? "no spans" : ((ParseOutcome.Ignored) outcomes.get(0)).why());
        }
        Interaction interaction = accepted.get(0).interaction();
        return new Encoded(interaction.getId(), serializer.serialize(topic, interaction));
    }

    /** The record as its source wrote it: bytes, text, or a schemaless JSON value (JsonConverter without schemas). */
    static byte[] rawBytes(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JSON.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage());
            }
        }
        throw new IllegalArgumentException("value of type " + value.getClass().getSimpleName()
                + " is not a raw record: use the StringConverter, ByteArrayConverter or schemaless JsonConverter");
    }
}
