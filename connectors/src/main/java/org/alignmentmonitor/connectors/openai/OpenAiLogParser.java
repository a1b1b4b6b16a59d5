package org.alignmentmonitor.connectors.openai;

import static org.alignmentmonitor.connectors.openai.JsonFields.optional;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalDouble;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalInt;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalLong;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalObject;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalText;
import static org.alignmentmonitor.connectors.openai.JsonFields.requireObject;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.avro.SamplingParams;
import org.alignmentmonitor.connectors.LogLine;
import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.alignmentmonitor.connectors.ingest.ParserSettings;

/**
 * Turns one OpenAI chat-completions log record ({@code {"request": ..., "response": ..., "metadata": ...}})
 * into an Interaction, or says precisely why it cannot. Unknown fields are ignored; the variants
 * real log shippers write (content parts, {@code max_completion_tokens}, a top-level
 * {@code timestamp}, ...) are accepted. Thread-safe.
 */
public final class OpenAiLogParser extends JsonRecordParser {

    public static final int DEFAULT_MAX_LINE_BYTES = ParserSettings.DEFAULT_MAX_RECORD_BYTES;
    public static final String META_USER = "user";
    /** Metadata key holding the number of tool calls of the answer, when it made any. */
    public static final String META_TOOL_CALLS = "tool_calls";
    /** Metadata key set to {@code true} when the completion is the model's structured refusal. */
    public static final String META_REFUSAL = "refusal";

    private static final String SELF_ASSESSMENT = "self_assessment";

    public OpenAiLogParser() {
        this(ParserSettings.defaults());
    }

    /** @param clock gives the ingest time of records that carry no time of their own */
    public OpenAiLogParser(ModelVersionRule modelVersionRule, int maxLineBytes, Clock clock) {
        this(new ParserSettings(modelVersionRule, maxLineBytes, clock));
    }

    public OpenAiLogParser(ParserSettings settings) {
        super(settings);
    }

    @Override
    public LogFormat format() {
        return LogFormat.OPENAI_CHAT;
    }

    public int maxLineBytes() {
        return settings.maxRecordBytes();
    }

    public ParseResult parse(LogLine line) {
        String text = line.text();
        if (exceedsMaxBytes(text)) {
            return new ParseResult.Rejected(line, "line larger than " + maxLineBytes() + " bytes");
        }
        try {
            return new ParseResult.Accepted(toInteraction(readTree(text), line.location()));
        } catch (InvalidRecordException e) {
            return new ParseResult.Rejected(line, e.getMessage());
        }
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
        List<Message> conversation = conversation(request);
        JsonNode choice = firstChoice(response);
        JsonNode message = requireObject(choice, "message", "response.choices[0].message");
        String completion = completion(message, metadata);
        Double selfAssessment = selfAssessment(root, metadata);

        metadata.put(META_SOURCE, source);
        String user = optionalText(request, "user", "request.user");
        if (user != null) {
            metadata.putIfAbsent(META_USER, user);
        }
        return Interaction.newBuilder()
                .setId(idOrContentHash(optionalText(response, "id", "response.id"), root))
                .setEventTime(eventTime(root, response, "created", metadata))
                .setModel(modelVersion.model())
                .setVersion(modelVersion.version())
                .setTrainingProcessId(metadata.get("training_process_id"))
                .setDeployment(metadata.get("deployment"))
                .setConversation(conversation)
                .setCompletion(completion)
                .setFinishReason(optionalText(choice, "finish_reason", "response.choices[0].finish_reason"))
                .setSampling(sampling(request))
                .setTaskId(metadata.get("task_id"))
                .setSelfAssessment(selfAssessment)
                .setMetadata(metadata)
                .build();
    }

    private static List<Message> conversation(JsonNode request) {
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
        List<Message> conversation = new ArrayList<>(messages.size());
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
            // Assistant turns that only called tools log no content: that is a turn, not an error.
            JsonNode content = optional(message, "content");
            conversation.add(new Message(role, content == null ? "" : ContentText.of(content, path + ".content")));
        }
        return conversation;
    }

    private static JsonNode firstChoice(JsonNode response) {
        JsonNode choices = optional(response, "choices");
        if (choices == null) {
            throw new InvalidRecordException("missing response.choices");
        }
        if (!choices.isArray()) {
            throw new InvalidRecordException("response.choices is not an array");
        }
        if (choices.isEmpty()) {
            throw new InvalidRecordException("missing response.choices[0]");
        }
        JsonNode choice = choices.get(0);
        if (!choice.isObject()) {
            throw new InvalidRecordException("response.choices[0] is not an object");
        }
        return choice;
    }

    private static String completion(JsonNode message, Map<String, String> metadata) {
        JsonNode toolCalls = optional(message, "tool_calls");
        int calls = toolCalls != null && toolCalls.isArray() ? toolCalls.size() : optional(message, "function_call") != null ? 1 : 0;
        if (calls > 0) {
            metadata.put(META_TOOL_CALLS, Integer.toString(calls));
        }
        String refusal = optionalText(message, "refusal", "response.choices[0].message.refusal");
        if (refusal != null) {
            metadata.put(META_REFUSAL, "true");
        }
        JsonNode content = optional(message, "content");
        if (content != null) {
            return ContentText.of(content, "response.choices[0].message.content");
        }
        if (refusal != null) {
            return refusal;
        }
        if (!message.has("content")) {
            throw new InvalidRecordException("missing response.choices[0].message.content");
        }
        // Explicit null content: a tool call (finish reason kept), or an answer that was empty.
        return "";
    }

    private static SamplingParams sampling(JsonNode request) {
        Double temperature = optionalDouble(request, "temperature", "request.temperature");
        Double topP = optionalDouble(request, "top_p", "request.top_p");
        Integer maxTokens = optionalInt(request, "max_completion_tokens", "request.max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = optionalInt(request, "max_tokens", "request.max_tokens");
        }
        Long seed = optionalLong(request, "seed", "request.seed");
        if (temperature == null && topP == null && maxTokens == null && seed == null) {
            return null;
        }
        return new SamplingParams(temperature, topP, maxTokens, seed);
    }

    private static Double selfAssessment(JsonNode root, Map<String, String> metadata) {
        String raw = metadata.get(SELF_ASSESSMENT);
        if (raw == null) {
            JsonNode top = optional(root, SELF_ASSESSMENT);
            if (top == null) {
                return null;
            }
            if (!top.isNumber() && !top.isTextual()) {
                throw new InvalidRecordException("self_assessment is not a number");
            }
            raw = top.asText();
        }
        double score;
        try {
            score = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRecordException("self_assessment '" + raw + "' is not a number");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new InvalidRecordException("self_assessment " + raw + " outside [0,1]");
        }
        return score;
    }


    private boolean exceedsMaxBytes(String text) {
        // chars <= UTF-8 bytes <= 3 * chars: only lines near the limit need counting.
        if (text.length() > maxLineBytes()) {
            return true;
        }
        if ((long) text.length() * 3 <= maxLineBytes()) {
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > maxLineBytes();
    }
}
