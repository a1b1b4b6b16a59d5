package org.alignmentmonitor.connectors.otel;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.alignmentmonitor.connectors.openai.InvalidRecordException;

/**
 * The attributes of a span, event or resource by key, with typed reads that reject a value of the
 * wrong type with the key in the reason. When a key repeats, the last value wins, as in the SDKs.
 */
final class SpanAttributes {

    private final Map<String, AnyValue> values;

    private SpanAttributes(Map<String, AnyValue> values) {
        this.values = values;
    }

    static SpanAttributes of(List<KeyValue> attributes) {
        Map<String, AnyValue> values = new LinkedHashMap<>();
        for (KeyValue kv : attributes) {
            values.put(kv.getKey(), kv.getValue());
        }
        return new SpanAttributes(values);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    boolean hasPrefix(String prefix) {
        return values.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    AnyValue raw(String key) {
        return values.get(key);
    }

    /** A string attribute; null when absent. */
    String string(String key) {
        AnyValue value = values.get(key);
        if (value == null) {
            return null;
        }
        if (!value.hasStringValue()) {
            throw new InvalidRecordException("attribute " + key + " is not a string");
        }
        return value.getStringValue();
    }

    /** A double or int attribute (SDKs write whole temperatures as ints); null when absent. */
    Double number(String key) {
        AnyValue value = values.get(key);
        if (value == null) {
            return null;
        }
        if (value.hasDoubleValue()) {
            return value.getDoubleValue();
        }
        if (value.hasIntValue()) {
            return (double) value.getIntValue();
        }
        throw new InvalidRecordException("attribute " + key + " is not a number");
    }

    Long integer(String key) {
        AnyValue value = values.get(key);
        if (value == null) {
            return null;
        }
        if (!value.hasIntValue()) {
            throw new InvalidRecordException("attribute " + key + " is not an integer");
        }
        return value.getIntValue();
    }

    /** First element of a string array attribute (or the string itself); null when absent or empty. */
    String firstString(String key) {
        AnyValue value = values.get(key);
        if (value == null) {
            return null;
        }
        if (value.hasStringValue()) {
            return value.getStringValue();
        }
        if (!value.hasArrayValue()) {
            throw new InvalidRecordException("attribute " + key + " is not a string array");
        }
        if (value.getArrayValue().getValuesCount() == 0) {
            return null;
        }
        AnyValue first = value.getArrayValue().getValues(0);
        if (!first.hasStringValue()) {
            throw new InvalidRecordException("attribute " + key + " is not a string array");
        }
        return first.getStringValue();
    }

    /**
     * Attributes {@code prefix.N.rest} grouped by N in order, each group keyed by {@code rest}, for the
     * flattened message lists of OpenLLMetry and OpenInference. Keys whose N is not a number are skipped.
     */
    TreeMap<Integer, Map<String, AnyValue>> indexed(String prefix) {
        TreeMap<Integer, Map<String, AnyValue>> groups = new TreeMap<>();
        String dotted = prefix + ".";
        for (Map.Entry<String, AnyValue> entry : values.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(dotted)) {
                continue;
            }
            int end = key.indexOf('.', dotted.length());
            if (end < 0) {
                continue;
            }
            Integer index = index(key.substring(dotted.length(), end));
            if (index != null) {
                groups.computeIfAbsent(index, i -> new HashMap<>()).put(key.substring(end + 1), entry.getValue());
            }
        }
        return groups;
    }

    /** Scalar attributes as text (for model-version rules and metadata); arrays and maps are left out. */
    Map<String, String> scalars() {
        Map<String, String> text = new HashMap<>();
        values.forEach((key, value) -> {
            String scalar = scalarText(value);
            if (scalar != null) {
                text.put(key, scalar);
            }
        });
        return text;
    }

    static String scalarText(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> null;
        };
    }

    private static Integer index(String digits) {
        if (digits.isEmpty() || digits.length() > 6) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return null;
            }
        }
        return Integer.parseInt(digits);
    }
}
