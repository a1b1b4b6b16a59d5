package org.alignmentmonitor.connectors.openai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed reads of optional and required JSON fields, failing with the field's path in the reason.
 * A field that is absent and one that is JSON null are treated alike.
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static JsonNode optional(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        return node == null || node.isNull() ? null : node;
    }

    public static JsonNode requireObject(JsonNode parent, String field, String path) {
        JsonNode node = optional(parent, field);
        if (node == null) {
            throw new InvalidRecordException("missing " + path);
        }
        if (!node.isObject()) {
            throw new InvalidRecordException(path + " is not an object");
        }
        return node;
    }

    public static JsonNode optionalObject(JsonNode parent, String field, String path) {
        JsonNode node = optional(parent, field);
        if (node != null && !node.isObject()) {
            throw new InvalidRecordException(path + " is not an object");
        }
        return node;
    }

    public static String optionalText(JsonNode parent, String field, String path) {
        JsonNode node = optional(parent, field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidRecordException(path + " is not a string");
        }
        return node.textValue();
    }

    public static Double optionalDouble(JsonNode parent, String field, String path) {
        JsonNode node = optional(parent, field);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw new InvalidRecordException(path + " is not a number");
        }
        return node.doubleValue();
    }

    public static Integer optionalInt(JsonNode parent, String field, String path) {
        JsonNode node = optional(parent, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidRecordException(path + " is not a 32-bit integer");
        }
        return node.intValue();
    }

    public static Long optionalLong(JsonNode parent, String field, String path) {
        JsonNode node = optional(parent, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidRecordException(path + " is not a 64-bit integer");
        }
        return node.longValue();
    }
}
