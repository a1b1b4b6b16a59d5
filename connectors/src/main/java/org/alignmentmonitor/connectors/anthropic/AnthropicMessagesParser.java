package org.alignmentmonitor.connectors.anthropic;

import static org.alignmentmonitor.connectors.openai.JsonFields.optional;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalDouble;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalInt;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalObject;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalText;
import static org.alignmentmonitor.connectors.openai.JsonFields.requireObject;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.avro.SamplingParams;
import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.alignmentmonitor.connectors.ingest.ParserSettings;
import org.alignmentmonitor.connectors.openai.ContentText;
import org.alignmentmonitor.connectors.openai.InvalidRecordException;
import org.alignmentmonitor.connectors.openai.JsonRecordParser;
import org.alignmentmonitor.connectors.openai.ModelVersion;
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
    protected Interaction toInteraction(JsonNode root, String source) {
        if (!root.isObject()) {
            throw new InvalidRecordException("not a JSON object");
        }
        JsonNode request = requireObject(root, "request", "request");
        JsonNode response = requireObject(root, "response", "response");
        Map<String, String> metadata = scalarMetadata(optionalObject(root, "metadata", "metadata"));

        ModelVersion modelVersion = settings.versionRule().derive(modelString(request, response), metadata);
        String type = optionalText(response, "type", "response.type");
        if (type != null && !type.equals("message")) {
            throw new InvalidRecordException("response.type is '" + type + "', not 'message'");
        }
        List<Message> conversation = conversation(request);
        JsonNode content = optional(response, "content");
        if (content == null) {
            throw new InvalidRecordException("missing response.content");
        }
        String completion = ContentText.of(content, "response.content");
        int toolCalls = toolUses(content);
        if (toolCalls > 0) {
            metadata.put(OpenAiLogParser.META_TOOL_CALLS, Integer.toString(toolCalls));
        }
        String stopReason = optionalText(response, "stop_reason", "response.stop_reason");
        if ("refusal".equals(stopReason)) {
            metadata.put(OpenAiLogParser.META_REFUSAL, "true");
        }
        metadata.put(META_SOURCE, source);
        return Interaction.newBuilder()
                .setId(idOrContentHash(optionalText(response, "id", "response.id"), root))
                .setEventTime(eventTime(root, response, "created_at", metadata))
                .setModel(modelVersion.model())
                .setVersion(modelVersion.version())
                .setTrainingProcessId(metadata.get("training_process_id"))
                .setDeployment(metadata.get("deployment"))
                .setConversation(conversation)
                .setCompletion(completion)
                .setFinishReason(stopReason)
                .setSampling(sampling(request))
                .setTaskId(metadata.get("task_id"))
                .setMetadata(metadata)
                .build();
    }

    private static List<Message> conversation(JsonNode request) {
        List<Message> conversation = new ArrayList<>();
        JsonNode system = optional(request, "system");
        if (system != null) {
            conversation.add(new Message("system", ContentText.of(system, "request.system")));
        }
        JsonNode messages = optional(request, "messages");
        if (messages == null) {
            throw new InvalidRecordException("missing request.messages");
        }
        if (!messages.isArray()) {
            throw new InvalidRecordException("request.messages is not an array");
        }
        if (messages.isEmpty()) {
            throw new InvalidRecordException("request.messages is empty");
        }
        for (int i = 0; i < messages.size(); i++) {
            String path = "request.messages[" + i + "]";
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw new InvalidRecordException(path + " is not an object");
            }
            String role = optionalText(message, "role", path + ".role");
            if (role == null) {
                throw new InvalidRecordException("missing " + path + ".role");
            }
            JsonNode content = optional(message, "content");
            if (content == null) {
                throw new InvalidRecordException("missing " + path + ".content");
            }
            conversation.add(new Message(role, ContentText.of(content, path + ".content")));
        }
        return conversation;
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
