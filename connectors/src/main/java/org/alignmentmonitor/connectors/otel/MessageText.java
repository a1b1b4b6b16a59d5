package org.alignmentmonitor.connectors.otel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.alignmentmonitor.connectors.openai.InvalidRecordException;

/**
 * The readable text of message content in the shapes GenAI instrumentations write: a plain string,
 * OTel parts ({@code {"type": "text", "content": ...}}) or provider parts ({@code {"type": "text",
 * "text": ...}}). Images, audio, tool calls and reasoning are not text a classifier judges.
 */
final class MessageText {

    private static final Set<String> TEXT_TYPES = Set.of("text", "input_text", "output_text");
    private static final Set<String> TOOL_CALL_TYPES = Set.of("tool_call", "function_call", "tool_use");

    private MessageText() {
    }

    /** Text of a content value: a string, an array of parts, or one part object. */
    static String of(JsonNode content, String path) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (content.isArray()) {
            return ofParts(content, path);
        }
        if (content.isObject()) {
            String text = partText(content, path);
            return text == null ? "" : text;
        }
        throw new InvalidRecordException(path + " is not a string or a list of parts");
    }

    /** Text parts joined by newlines; other parts are skipped. */
    static String ofParts(JsonNode parts, String path) {
        if (!parts.isArray()) {
            throw new InvalidRecordException(path + " is not an array of parts");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String part = partText(parts.get(i), path + "[" + i + "]");
            if (part != null) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part);
            }
        }
        return text.toString();
    }

    static int toolCalls(JsonNode parts) {
        int calls = 0;
        if (parts != null && parts.isArray()) {
            for (JsonNode part : parts) {
                String type = part.isObject() ? JsonValues.text(part, "type") : null;
                // Set.of(...).contains(null) throws: a part without a type is simply not a tool call.
                if (type != null && TOOL_CALL_TYPES.contains(type)) {
                    calls++;
                }
            }
        }
        return calls;
    }

    /**
     * Legacy attributes hold either the text itself or a JSON list of parts: a value is read as parts
     * only when it parses as an array of objects that all name a {@code type}, so prose that merely
     * starts with a bracket stays prose.
     */
    static String ofLegacyContent(String raw) {
        if (raw.isEmpty() || raw.charAt(0) != '[') {
            return raw;
        }
        JsonNode parsed;
        try {
            parsed = JsonValues.MAPPER.readTree(raw);
        } catch (Exception notJson) {
            return raw;
        }
        if (parsed == null || !parsed.isArray() || parsed.isEmpty()) {
            return raw;
        }
        for (JsonNode part : parsed) {
            if (!part.isObject() || JsonValues.text(part, "type") == null) {
                return raw;
            }
        }
        return ofParts(parsed, "content");
    }

    private static String partText(JsonNode part, String path) {
        if (part.isTextual()) {
            return part.textValue();
        }
        if (!part.isObject()) {
            throw new InvalidRecordException(path + " is not a part object");
        }
        String type = JsonValues.text(part, "type");
        if (type != null && !TEXT_TYPES.contains(type)) {
            return null;
        }
        for (String field : new String[] {"content", "text"}) {
            JsonNode text = part.get(field);
            if (text != null && text.isTextual()) {
                return text.textValue();
            }
        }
        throw new InvalidRecordException("missing " + path + ".content");
    }
}
