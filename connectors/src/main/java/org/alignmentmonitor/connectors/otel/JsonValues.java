package org.alignmentmonitor.connectors.otel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import org.alignmentmonitor.connectors.openai.InvalidRecordException;

/**
 * Structured attribute values as JSON trees. Instrumentations write message lists either as a JSON
 * string (most SDKs today) or as structured OTLP arrays and maps (the newer conventions allow both),
 * so the layouts read one tree whatever the encoding.
 */
final class JsonValues {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    /** The attribute as a JSON tree: a string is parsed as JSON, arrays and maps are converted. */
    static JsonNode of(AnyValue value, String key) {
        if (value.hasStringValue()) {
            return parse(value.getStringValue(), "attribute " + key);
        }
        if (value.hasArrayValue() || value.hasKvlistValue()) {
            return tree(value);
        }
        throw new InvalidRecordException("attribute " + key + " is neither a JSON string nor an array or map");
    }

    static JsonNode parse(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(what + " is not JSON: " + e.getOriginalMessage());
        }
    }

    /** Any OTLP value as JSON; bytes become their length only, since no classifier reads them. */
    static JsonNode tree(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> NODES.textNode(value.getStringValue());
            case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
            case INT_VALUE -> NODES.numberNode(value.getIntValue());
            case DOUBLE_VALUE -> NODES.numberNode(value.getDoubleValue());
            case BYTES_VALUE -> NODES.numberNode(value.getBytesValue().size());
            case ARRAY_VALUE -> {
                ArrayNode array = NODES.arrayNode();
                value.getArrayValue().getValuesList().forEach(v -> array.add(tree(v)));
                yield array;
            }
            case KVLIST_VALUE -> {
                ObjectNode object = NODES.objectNode();
                for (KeyValue kv : value.getKvlistValue().getValuesList()) {
                    object.set(kv.getKey(), tree(kv.getValue()));
                }
                yield object;
            }
            default -> NODES.nullNode();
        };
    }

    /** A textual field of an object, or null. */
    static String text(JsonNode object, String field) {
        JsonNode node = object.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
