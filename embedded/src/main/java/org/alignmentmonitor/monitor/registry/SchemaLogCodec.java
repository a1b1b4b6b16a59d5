package org.alignmentmonitor.monitor.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.alignmentmonitor.schemas.registry.CompatibilityLevel;
import org.alignmentmonitor.schemas.registry.RegisteredSchema;
import org.apache.avro.Schema;

/**
 * Records of the registry's Kafka topic, shaped like Confluent's {@code _schemas} records: a JSON key
 * per subject version or per config scope (so compaction keeps exactly one record for each) and a JSON
 * value. Keys are written with a fixed field order because compaction compares them byte by byte.
 */
final class SchemaLogCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    sealed interface Entry permits SchemaEntry, ConfigEntry {
    }

    record SchemaEntry(RegisteredSchema schema) implements Entry {
    }

    /** {@code subject} is empty for the global level. */
    record ConfigEntry(Optional<String> subject, CompatibilityLevel level) implements Entry {
    }

    private SchemaLogCodec() {
    }

    static byte[] key(Entry entry) {
        ObjectNode key = JSON.createObjectNode();
        if (entry instanceof SchemaEntry s) {
            key.put("keytype", "SCHEMA").put("subject", s.schema().subject()).put("version", s.schema().version()).put("magic", 1);
        } else if (entry instanceof ConfigEntry c) {
            key.put("keytype", "CONFIG").put("subject", c.subject().orElse(null)).put("magic", 0);
        }
        return bytes(key);
    }

    static byte[] value(Entry entry) {
        ObjectNode value = JSON.createObjectNode();
        if (entry instanceof SchemaEntry s) {
            RegisteredSchema r = s.schema();
            value.put("subject", r.subject()).put("version", r.version()).put("id", r.id())
                    .put("schema", r.schema().toString()).put("deleted", false);
        } else if (entry instanceof ConfigEntry c) {
            value.put("compatibilityLevel", c.level().name());
        }
        return bytes(value);
    }

    /** Reads back one record; throws {@link IllegalArgumentException} saying what is wrong with it. */
    static Entry decode(byte[] key, byte[] value) {
        JsonNode k = parse(key, "key");
        if (value == null) {
            throw new IllegalArgumentException("tombstone for " + k + ": deleting schemas is not supported");
        }
        JsonNode v = parse(value, "value");
        String keyType = k.path("keytype").asText("");
        switch (keyType) {
            case "SCHEMA":
                if (v.path("deleted").asBoolean(false)) {
                    throw new IllegalArgumentException("deleted schema " + k + ": deleting schemas is not supported");
                }
                return new SchemaEntry(new RegisteredSchema(text(v, "subject"), number(v, "version"), number(v, "id"),
                        new Schema.Parser().parse(text(v, "schema"))));
            case "CONFIG":
                JsonNode subject = k.path("subject");
                return new ConfigEntry(subject.isTextual() ? Optional.of(subject.asText()) : Optional.empty(),
                        CompatibilityLevel.valueOf(text(v, "compatibilityLevel")));
            default:
                throw new IllegalArgumentException("unknown key type '" + keyType + "' in " + k + " (written by a newer version?)");
        }
    }

    private static JsonNode parse(byte[] bytes, String what) {
        if (bytes == null) {
            throw new IllegalArgumentException("record without a " + what);
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("record " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("record " + what + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' missing in " + node);
        }
        return value.asText();
    }

    private static int number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + field + "' missing in " + node);
        }
        return value.asInt();
    }

    private static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
