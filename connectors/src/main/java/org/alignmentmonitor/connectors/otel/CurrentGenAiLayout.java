package org.alignmentmonitor.connectors.otel;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.connectors.openai.InvalidRecordException;

/**
 * The current GenAI semantic conventions: {@code gen_ai.input.messages}, {@code gen_ai.output.messages}
 * and {@code gen_ai.system_instructions}, as lists of messages made of parts, on the span itself or on
 * its {@code gen_ai.client.inference.operation.details} event.
 */
final class CurrentGenAiLayout implements MessageLayout {

    static final String INPUT = "gen_ai.input.messages";
    static final String OUTPUT = "gen_ai.output.messages";
    static final String SYSTEM = "gen_ai.system_instructions";
    static final String DETAILS_EVENT = "gen_ai.client.inference.operation.details";

    @Override
    public Exchange read(Span span, SpanAttributes attributes) {
        SpanAttributes source = attributes;
        if (!source.has(INPUT) && !source.has(OUTPUT)) {
            source = detailsEvent(span);
            if (source == null) {
                return null;
            }
        }
        List<Message> conversation = new ArrayList<>();
        AnyValue system = source.raw(SYSTEM);
        if (system != null) {
            conversation.add(new Message("system", MessageText.of(JsonValues.of(system, SYSTEM), SYSTEM)));
        }
        JsonNode input = messages(source, INPUT);
        for (int i = 0; i < input.size(); i++) {
            JsonNode message = message(input, i, INPUT);
            conversation.add(new Message(role(message, INPUT, i), MessageText.ofParts(parts(message, INPUT, i), INPUT + "[" + i + "].parts")));
        }
        if (conversation.isEmpty()) {
            throw new InvalidRecordException(INPUT + " is empty");
        }
        JsonNode output = messages(source, OUTPUT);
        if (output.isEmpty()) {
            throw new InvalidRecordException(OUTPUT + " is empty");
        }
        JsonNode answer = message(output, 0, OUTPUT);
        JsonNode parts = parts(answer, OUTPUT, 0);
        String finishReason = JsonValues.text(answer, "finish_reason");
        if (finishReason == null) {
            finishReason = attributes.firstString("gen_ai.response.finish_reasons");
        }
        return new Exchange(conversation, MessageText.ofParts(parts, OUTPUT + "[0].parts"), finishReason, MessageText.toolCalls(parts));
    }

    private static SpanAttributes detailsEvent(Span span) {
        for (Span.Event event : span.getEventsList()) {
            if (event.getName().equals(DETAILS_EVENT)) {
                return SpanAttributes.of(event.getAttributesList());
            }
        }
        return null;
    }

    private static JsonNode messages(SpanAttributes source, String key) {
        AnyValue raw = source.raw(key);
        if (raw == null) {
            throw new InvalidRecordException("missing " + key);
        }
        JsonNode messages = JsonValues.of(raw, key);
        if (!messages.isArray()) {
            throw new InvalidRecordException(key + " is not an array of messages");
        }
        return messages;
    }

    private static JsonNode message(JsonNode messages, int i, String key) {
        JsonNode message = messages.get(i);
        if (!message.isObject()) {
            throw new InvalidRecordException(key + "[" + i + "] is not an object");
        }
        return message;
    }

    private static String role(JsonNode message, String key, int i) {
        String role = JsonValues.text(message, "role");
        if (role == null) {
            throw new InvalidRecordException("missing " + key + "[" + i + "].role");
        }
        return role;
    }

    private static JsonNode parts(JsonNode message, String key, int i) {
        JsonNode parts = message.get("parts");
        if (parts == null || !parts.isArray()) {
            throw new InvalidRecordException("missing " + key + "[" + i + "].parts");
        }
        return parts;
    }
}
