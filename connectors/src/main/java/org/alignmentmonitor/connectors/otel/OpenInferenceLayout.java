package org.alignmentmonitor.connectors.otel;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.connectors.openai.InvalidRecordException;

/**
 * OpenInference (Arize Phoenix and its instrumentors): {@code llm.input_messages.N.message.role} /
 * {@code .content}, or {@code .contents.M.message_content.type/text} for multi-part messages, and the
 * same under {@code llm.output_messages}.
 */
final class OpenInferenceLayout implements MessageLayout {

    static final String INPUT = "llm.input_messages";
    static final String OUTPUT = "llm.output_messages";
    private static final String CONTENTS = "message.contents.";

    @Override
    public Exchange read(Span span, SpanAttributes attributes) {
        if (!attributes.hasPrefix(INPUT + ".") && !attributes.hasPrefix(OUTPUT + ".")) {
            return null;
        }
        List<Message> conversation = messages(attributes.indexed(INPUT), INPUT);
        List<Message> answers = messages(attributes.indexed(OUTPUT), OUTPUT);
        if (conversation.isEmpty()) {
            throw new InvalidRecordException("missing " + INPUT + ".0.message.role");
        }
        if (answers.isEmpty()) {
            throw new InvalidRecordException("missing " + OUTPUT + ".0.message.content");
        }
        Map<String, AnyValue> firstAnswer = attributes.indexed(OUTPUT).firstEntry().getValue();
        int toolCalls = (int) firstAnswer.keySet().stream()
                .filter(k -> k.startsWith("message.tool_calls.") && k.endsWith(".tool_call.function.name")).count();
        return new Exchange(conversation, answers.get(0).getContent(), null, toolCalls);
    }

    private static List<Message> messages(TreeMap<Integer, Map<String, AnyValue>> indexed, String prefix) {
        List<Message> messages = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, AnyValue>> entry : indexed.entrySet()) {
            String path = prefix + "." + entry.getKey() + ".message";
            Map<String, AnyValue> fields = entry.getValue();
            AnyValue role = fields.get("message.role");
            if (role == null || !role.hasStringValue()) {
                throw new InvalidRecordException("missing " + path + ".role");
            }
            messages.add(new Message(role.getStringValue(), content(fields, path)));
        }
        return messages;
    }

    private static String content(Map<String, AnyValue> fields, String path) {
        AnyValue content = fields.get("message.content");
        if (content != null) {
            if (!content.hasStringValue()) {
                throw new InvalidRecordException(path + ".content is not a string");
            }
            return content.getStringValue();
        }
        // Multi-part: message.contents.M.message_content.{type,text}, text parts in order.
        TreeMap<Integer, String> parts = new TreeMap<>();
        for (Map.Entry<String, AnyValue> field : fields.entrySet()) {
            String key = field.getKey();
            if (key.startsWith(CONTENTS) && key.endsWith(".message_content.text") && field.getValue().hasStringValue()) {
                String index = key.substring(CONTENTS.length(), key.length() - ".message_content.text".length());
                if (index.chars().allMatch(c -> c >= '0' && c <= '9') && !index.isEmpty() && index.length() < 7) {
                    parts.put(Integer.parseInt(index), field.getValue().getStringValue());
                }
            }
        }
        return String.join("\n", parts.values());
    }
}
