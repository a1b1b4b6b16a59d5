package org.alignmentmonitor.connectors.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The text of a message {@code content}: a string, or an array of parts of which the text parts
 * count (images, audio and files are not text a classifier can read).
 */
public final class ContentText {

    private static final Set<String> TEXT_PART_TYPES = Set.of("text", "input_text", "output_text");

    private ContentText() {
    }

    public static String of(JsonNode content, String path) {
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            throw new InvalidRecordException(path + " is not a string or an array of content parts");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String partText = partText(part, path + "[" + i + "]");
            if (partText != null) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(partText);
            }
        }
        return text.toString();
    }

    private static String partText(JsonNode part, String path) {
        if (part.isTextual()) {
            return part.textValue();
        }
        if (!part.isObject()) {
            throw new InvalidRecordException(path + " is not a content part object");
        }
        JsonNode type = part.get("type");
        if (type != null && !TEXT_PART_TYPES.contains(type.asText())) {
            return null;
        }
        JsonNode text = part.get("text");
        if (text == null || !text.isTextual()) {
            throw new InvalidRecordException("missing " + path + ".text");
        }
        return text.textValue();
    }
}
