package org.alignmentmonitor.connectors.otel;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.connectors.openai.InvalidRecordException;

/**
 * The older GenAI layouts still emitted in the field: indexed attributes ({@code gen_ai.prompt.N.role},
 * {@code gen_ai.completion.N.content}, as OpenLLMetry writes them) and span events
 * ({@code gen_ai.user.message}, {@code gen_ai.choice}, ... or {@code gen_ai.content.prompt} /
 * {@code gen_ai.content.completion} holding the whole list as JSON).
 */
final class LegacyGenAiLayout implements MessageLayout {

    private static final String PROMPT = "gen_ai.prompt";
    private static final String COMPLETION = "gen_ai.completion";
    private static final String CHOICE_EVENT = "gen_ai.choice";
    private static final String PROMPT_EVENT = "gen_ai.content.prompt";
    private static final String COMPLETION_EVENT = "gen_ai.content.completion";

    @Override
    public Exchange read(Span span, SpanAttributes attributes) {
        if (attributes.hasPrefix(PROMPT + ".") || attributes.hasPrefix(COMPLETION + ".")) {
            return fromAttributes(attributes);
        }
        return fromEvents(span, attributes);
    }

    private static Exchange fromAttributes(SpanAttributes attributes) {
        List<Message> conversation = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, AnyValue>> entry : attributes.indexed(PROMPT).entrySet()) {
            Map<String, AnyValue> fields = entry.getValue();
            String path = PROMPT + "." + entry.getKey();
            conversation.add(new Message(requireString(fields, "role", path), MessageText.ofLegacyContent(optionalString(fields, "content", path))));
        }
        TreeMap<Integer, Map<String, AnyValue>> completions = attributes.indexed(COMPLETION);
        if (conversation.isEmpty()) {
            throw new InvalidRecordException("missing " + PROMPT + ".0.role");
        }
        if (completions.isEmpty()) {
            throw new InvalidRecordException("missing " + COMPLETION + ".0.content");
        }
        Map.Entry<Integer, Map<String, AnyValue>> first = completions.firstEntry();
        String path = COMPLETION + "." + first.getKey();
        Map<String, AnyValue> answer = first.getValue();
        String finishReason = answer.containsKey("finish_reason") ? optionalString(answer, "finish_reason", path) : null;
        if (finishReason == null) {
            finishReason = attributes.firstString("gen_ai.response.finish_reasons");
        }
        int toolCalls = (int) answer.keySet().stream()
                .filter(k -> k.startsWith("tool_calls.") && k.endsWith(".name")).count();
        return new Exchange(conversation, MessageText.ofLegacyContent(optionalString(answer, "content", path)), finishReason, toolCalls);
    }

    private static Exchange fromEvents(Span span, SpanAttributes attributes) {
        List<Message> conversation = new ArrayList<>();
        String completion = null;
        String finishReason = null;
        int toolCalls = 0;
        long choiceIndex = Long.MAX_VALUE;
        for (Span.Event event : span.getEventsList()) {
            String name = event.getName();
            SpanAttributes fields = SpanAttributes.of(event.getAttributesList());
            if (name.equals(PROMPT_EVENT) && fields.has(PROMPT)) {
                conversation.addAll(messageList(fields, PROMPT));
            } else if (name.equals(COMPLETION_EVENT) && fields.has(COMPLETION) && completion == null) {
                List<Message> answers = messageList(fields, COMPLETION);
                if (!answers.isEmpty()) {
                    completion = answers.get(0).getContent();
                }
            } else if (name.equals(CHOICE_EVENT)) {
                Long index = fields.integer("index");
                long at = index == null ? 0 : index;
                if (at < choiceIndex) {
                    choiceIndex = at;
                    JsonNode message = fields.has("message") ? JsonValues.of(fields.raw("message"), CHOICE_EVENT + ".message") : null;
                    completion = message == null ? "" : MessageText.of(message.get("content"), CHOICE_EVENT + ".message.content");
                    toolCalls = message != null && message.get("tool_calls") != null ? message.get("tool_calls").size() : 0;
                    finishReason = fields.string("finish_reason");
                }
            } else if (name.startsWith("gen_ai.") && name.endsWith(".message")) {
                String role = fields.string("role");
                if (role == null) {
                    role = name.substring("gen_ai.".length(), name.length() - ".message".length());
                }
                AnyValue content = fields.raw("content");
                String text = content == null ? "" : content.hasStringValue()
                        ? MessageText.ofLegacyContent(content.getStringValue())
                        : MessageText.of(JsonValues.tree(content), name + ".content");
                conversation.add(new Message(role, text));
            }
        }
        if (conversation.isEmpty() && completion == null) {
            return null;
        }
        if (conversation.isEmpty()) {
            throw new InvalidRecordException("no prompt event (gen_ai.*.message or " + PROMPT_EVENT + ")");
        }
        if (completion == null) {
            throw new InvalidRecordException("no completion event (" + CHOICE_EVENT + " or " + COMPLETION_EVENT + ")");
        }
        if (finishReason == null) {
            finishReason = attributes.firstString("gen_ai.response.finish_reasons");
        }
        return new Exchange(conversation, completion, finishReason, toolCalls);
    }

    /** A JSON list of {@code {"role", "content"}} held by one event attribute. */
    private static List<Message> messageList(SpanAttributes fields, String key) {
        JsonNode list = JsonValues.of(fields.raw(key), key);
        if (!list.isArray()) {
            throw new InvalidRecordException(key + " is not an array of messages");
        }
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode message = list.get(i);
            String path = key + "[" + i + "]";
            if (!message.isObject()) {
                throw new InvalidRecordException(path + " is not an object");
            }
            String role = JsonValues.text(message, "role");
            messages.add(new Message(role == null ? "assistant" : role, MessageText.of(message.get("content"), path + ".content")));
        }
        return messages;
    }

    private static String requireString(Map<String, AnyValue> fields, String field, String path) {
        AnyValue value = fields.get(field);
        if (value == null) {
            throw new InvalidRecordException("missing " + path + "." + field);
        }
        if (!value.hasStringValue()) {
            throw new InvalidRecordException(path + "." + field + " is not a string");
        }
        return value.getStringValue();
    }

    /** Empty when absent: a turn that only called tools logs no content. */
    private static String optionalString(Map<String, AnyValue> fields, String field, String path) {
        return fields.containsKey(field) ? requireString(fields, field, path) : "";
    }
}
