package org.alignmentmonitor.connect;

import java.util.HashMap;
import java.util.Map;
import org.alignmentmonitor.connectors.ingest.SourceLocation;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Converter whose output is always an Interaction in the Confluent wire format: a source connector's
 * raw log value is parsed and serialized on its way to Kafka ({@link #fromConnectData}); a sink
 * connector reading a raw log topic gets the Interaction bytes ({@link #toConnectData}). A record that
 * cannot be read fails with the reason, for the worker's {@code errors.*} handling (a sink connector's
 * {@code errors.deadletterqueue.topic.name} keeps it with the reason in its headers); records that are
 * not LLM calls become null values. Prefer {@link ToInteraction} on source connectors: it routes bad
 * records to the dead-letter topic itself.
 */
public final class InteractionConverter implements Converter {

    private InteractionEncoder encoder;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (isKey) {
            throw new DataException("InteractionConverter converts values; use the StringConverter for keys");
        }
        encoder = new InteractionEncoder(new PluginConfig(new HashMap<>(configs)));
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        return encode(value, new SourceLocation.TopicOffset(topic, -1, -1));
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        byte[] interaction = encode(value, new SourceLocation.TopicOffset(topic, -1, -1));
        return new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, interaction);
    }

    private byte[] encode(Object value, SourceLocation where) {
        InteractionEncoder.Result result = encoder.encode(value, where);
        if (result instanceof InteractionEncoder.Rejected rejected) {
            throw new DataException(rejected.reason());
        }
        return result instanceof InteractionEncoder.Encoded encoded ? encoded.value() : null;
    }

    @Override
    public ConfigDef config() {
        return PluginConfig.DEFINITION;
    }
}
