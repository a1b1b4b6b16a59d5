package org.alignmentmonitor.connect;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.alignmentmonitor.connectors.ingest.ParserSettings;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.alignmentmonitor.schemas.registry.RegistryClientConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Settings shared by the transformation and the converter. */
final class PluginConfig extends AbstractConfig {

    static final String FORMAT = "format";
    static final String VERSION_RULE = "version.rule";
    static final String MAX_RECORD_BYTES = "max.record.bytes";
    static final String TOPIC = "interactions.topic";
    static final String DEAD_LETTER_TOPIC = "dead.letter.topic";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(FORMAT, ConfigDef.Type.STRING, LogFormat.OPENAI_CHAT.id(), ConfigDef.Importance.HIGH,
                    "Log format of the incoming records: openai-chat, openai-responses, anthropic-messages, otlp-json, otlp-proto.")
            .define(VERSION_RULE, ConfigDef.Type.STRING, ModelVersionRule.defaultRule().spec(), ConfigDef.Importance.MEDIUM,
                    "How model and version are read: model-string, metadata:<field> or regex:<pattern>.")
            .define(MAX_RECORD_BYTES, ConfigDef.Type.INT, ParserSettings.DEFAULT_MAX_RECORD_BYTES, ConfigDef.Range.atLeast(1),
                    ConfigDef.Importance.LOW, "Largest record read; larger ones are rejected.")
            .define(TOPIC, ConfigDef.Type.STRING, "interactions", ConfigDef.Importance.HIGH,
                    "Topic the monitor reads Interactions from.")
            .define(DEAD_LETTER_TOPIC, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM,
                    "Topic for records that cannot be read (transformation only); empty means <interactions.topic>-dlq.")
            .define(RegistryClientConfig.URL, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
                    "Schema registry the Interaction schema is registered with (Confluent wire format).");

    PluginConfig(Map<?, ?> originals) {
        super(DEFINITION, originals);
    }

    LogFormat format() {
        try {
            return LogFormat.fromId(getString(FORMAT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(FORMAT, getString(FORMAT), e.getMessage());
        }
    }

    ParserSettings parserSettings() {
        try {
            return new ParserSettings(ModelVersionRule.parse(getString(VERSION_RULE)), getInt(MAX_RECORD_BYTES), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(VERSION_RULE, getString(VERSION_RULE), e.getMessage());
        }
    }

    String topic() {
        return getString(TOPIC);
    }

    String deadLetterTopic() {
        String configured = getString(DEAD_LETTER_TOPIC);
        // The project's naming rule (streams.topology.DeadLetterTopics), not imported: the streams module
        // would drag Kafka Streams and the classifiers into every worker's plugin directory.
        return configured.isEmpty() ? topic() + "-dlq" : configured;
    }

    /** Every setting the registry client knows (URL, auth, TLS, timeouts), as given. */
    Map<String, Object> registrySettings() {
        return new HashMap<>(originals());
    }
}
