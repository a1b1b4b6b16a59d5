package org.alignmentmonitor.connectors.anthropic;

import static org.alignmentmonitor.connectors.openai.JsonFields.optional;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalDouble;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalInt;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalText;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.avro.SamplingParams;
import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.alignmentmonitor.connectors.ingest.ParserSettings;
import org.alignmentmonitor.connectors.openai.ContentText;
import org.alignmentmonitor.connectors.openai.InvalidRecordException;
import org.alignmentmonitor.connectors.openai.JsonRecordParser;
import org.alignmentmonitor.connectors.openai.OpenAiLogParser;

/**
 * Turns one Anthropic Messages API log record ({@code {"request": ..., "response": ..., "metadata": ...}},
 * the body of {@code POST /v1/messages} and the message it returned) into an Interaction. The
 * {@code system} prompt becomes the first turn; text blocks are the text, other blocks (images,
 * tool use, thinking) are not. {@code stop_reason} is kept as is: the classifiers know its values.
 * The response carries no time, so the record's top-level {@code timestamp} is the event time. Thread-safe.
 */
public final class AnthropicMessagesParser extends JsonRecordParser {

    public AnthropicMessagesParser(ParserSettings settings) {
        super(settings);
    }

    @Override
    public LogFormat format() {
        return LogFormat.ANTHROPIC_MESSAGES;
    }

    @Override
    protected void map(Exchange exchange, Interaction.Builder interaction) {
        JsonNode response = exchange.response();
        String type = optionalText(response, "type", "response.type");
        if (type != null && !type.equals("message")) {
            throw new InvalidRecordException("response.type is '" + type + "', not 'message'");
        }
        interaction.setConversation(conversation(exchange.request()));
        JsonNode content = optional(response, "content");
        if (content == null) {
            throw new InvalidRecordException("missing response.content");
        }
        interaction.setCompletion(ContentText.of(content, "response.content"));
        int toolCalls = toolUses(content);
        if (toolCalls > 0) {
            exchange.metadata().put(OpenAiLogParser.META_TOOL_CALLS, Integer.toString(toolCalls));
        }
        String stopReason = optionalText(response, "stop_reason", "response.stop_reason");
        if ("refusal".equals(stopReason)) {
            exchange.metadata().put(OpenAiLogParser.META_REFUSAL, "true");
        }
        interaction.setEventTime(eventTime(exchange, "created_at"))
                .setFinishReason(stopReason)
                .setSampling(sampling(exchange.request()));
    }

    private static List<Message> conversation(JsonNode request) {
        List<Message> conversation = new ArrayList<>();
        JsonNode system = optional(request, "system");
        if (system != null) {
            conversation.add(new Message("system", ContentText.of(system, "request.system")));
        }
        return requestMessages(request, conversation, true);
    }

    private static int toolUses(JsonNode content) {
        int uses = 0;
        if (content.isArray()) {
            for (JsonNode block : content) {
                if ("tool_use".equals(block.path("type").asText())) {
                    uses++;
                }
            }
        }
        return uses;
    }

    private static SamplingParams sampling(JsonNode request) {
        Double temperature = optionalDouble(request, "temperature", "request.temperature");
        Double topP = optionalDouble(request, "top_p", "request.top_p");
        Integer maxTokens = optionalInt(request, "max_tokens", "request.max_tokens");
        if (temperature == null && topP == null && maxTokens == null) {
            return null;
        }
        return new SamplingParams(temperature, topP, maxTokens, null);
    }
}
