package org.alignmentmonitor.connectors.openai;

import static org.alignmentmonitor.connectors.openai.JsonFields.optional;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalDouble;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalInt;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalLong;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalObject;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalText;
import static org.alignmentmonitor.connectors.openai.JsonFields.requireObject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.avro.SamplingParams;
import org.alignmentmonitor.connectors.LogLine;

/**
 * Turns one OpenAI chat-completions log line ({@code {"request": ..., "response": ..., "metadata": ...}})
 * into an Interaction, or says precisely why it cannot. Unknown fields are ignored; the variants
 * real log shippers write (content parts, {@code max_completion_tokens}, a top-level
 * {@code timestamp}, ...) are accepted. Thread-safe.
 */
public final class OpenAiLogParser {

    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
    public static final String ID_HASH_PREFIX = "sha256:";
    /** Metadata key holding the line's {@code source:line}. */
    public static final String META_SOURCE = "source";
    /** Metadata key set to {@code ingest} when the record had no time and the ingest time was used. */
    public static final String META_EVENT_TIME_SOURCE = "event_time_source";
    public static final String META_USER = "user";
    /** Metadata key holding the number of tool calls of the answer, when it made any. */
    public static final String META_TOOL_CALLS = "tool_calls";
    /** Metadata key set to {@code true} when the completion is the model's structured refusal. */
    public static final String META_REFUSAL = "refusal";

    private static final String SELF_ASSESSMENT = "self_assessment";
    private static final int MAX_REASON_DETAIL = 200;
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: [^\\]]*; line: \\d+, column: (\\d+)\\]");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Sorted keys, no whitespace: the same record hashes the same however a shipper formats it. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private final ModelVersionRule modelVersionRule;
    private final int maxLineBytes;
    private final Clock clock;

    public OpenAiLogParser() {
        this(ModelVersionRule.defaultRule(), DEFAULT_MAX_LINE_BYTES, Clock.systemUTC());
    }

    /** @param clock gives the ingest time of records that carry no time of their own */
    public OpenAiLogParser(ModelVersionRule modelVersionRule, int maxLineBytes, Clock clock) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.modelVersionRule = Objects.requireNonNull(modelVersionRule, "modelVersionRule");
        this.maxLineBytes = maxLineBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }

    public ParseResult parse(LogLine line) {
        String text = line.text();
        if (exceedsMaxBytes(text)) {
            return new ParseResult.Rejected(line, "line larger than " + maxLineBytes + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return new ParseResult.Rejected(line, "not JSON: " + describe(e));
        }
        try {
            return new ParseResult.Accepted(toInteraction(root, line));
        } catch (InvalidRecordException e) {
            return new ParseResult.Rejected(line, e.getMessage());
        }
    }

    private Interaction toInteraction(JsonNode root, LogLine line) {
        if (!root.isObject()) {
            throw new InvalidRecordException("not a JSON object");
        }
        JsonNode request = requireObject(root, "request", "request");
        JsonNode response = requireObject(root, "response", "response");
        Map<String, String> metadata = scalarMetadata(optionalObject(root, "metadata", "metadata"));

        ModelVersion modelVersion = modelVersionRule.derive(modelString(request, response), metadata);
        List<Message> conversation = conversation(request);
        JsonNode choice = firstChoice(response);
        JsonNode message = requireObject(choice, "message", "response.choices[0].message");
        String completion = completion(message, metadata);
        Double selfAssessment = selfAssessment(root, metadata);

        metadata.put(META_SOURCE, line.location());
        String user = optionalText(request, "user", "request.user");
        if (user != null) {
            metadata.putIfAbsent(META_USER, user);
        }
        return Interaction.newBuilder()
                .setId(id(root, response))
                .setEventTime(eventTime(root, response, metadata))
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

    private static String modelString(JsonNode request, JsonNode response) {
        String model = optionalText(request, "model", "request.model");
        if (model == null || model.isEmpty()) {
            model = optionalText(response, "model", "response.model");
        }
        if (model == null || model.isEmpty()) {
            throw new InvalidRecordException("missing request.model and response.model");
        }
        return model;
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

    private Instant eventTime(JsonNode root, JsonNode response, Map<String, String> metadata) {
        JsonNode created = optional(response, "created");
        if (created != null) {
            return Instant.ofEpochMilli(EventTimes.toEpochMillis(created, "response.created"));
        }
        JsonNode timestamp = optional(root, "timestamp");
        if (timestamp != null) {
            return Instant.ofEpochMilli(EventTimes.toEpochMillis(timestamp, "timestamp"));
        }
        metadata.put(META_EVENT_TIME_SOURCE, "ingest");
        return Instant.ofEpochMilli(clock.millis());
    }

    /** The response id, or a hash of the record so that a line shipped twice still dedupes. */
    private static String id(JsonNode root, JsonNode response) {
        String id = optionalText(response, "id", "response.id");
        if (id != null && !id.isEmpty()) {
            return id;
        }
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(root);
            return ID_HASH_PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a parsed JSON tree", e);
        }
    }

    /** String, number and boolean values of {@code metadata}; nested values are not flattened. */
    private static Map<String, String> scalarMetadata(JsonNode metadata) {
        Map<String, String> values = new HashMap<>();
        if (metadata != null) {
            for (Map.Entry<String, JsonNode> field : metadata.properties()) {
                JsonNode value = field.getValue();
                if (value.isValueNode() && !value.isNull()) {
                    values.put(field.getKey(), value.asText());
                }
            }
        }
        return values;
    }

    private boolean exceedsMaxBytes(String text) {
        // chars <= UTF-8 bytes <= 3 * chars: only lines near the limit need counting.
        if (text.length() > maxLineBytes) {
            return true;
        }
        if ((long) text.length() * 3 <= maxLineBytes) {
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
        return bytes > maxLineBytes;
    }

    private static String describe(JsonProcessingException e) {
        // Jackson describes nested locations as "[Source: ...; line: 1, column: 13]": keep the column.
        String detail = SOURCE_LOCATION.matcher(e.getOriginalMessage()).replaceAll("column $1");
        if (detail.length() > MAX_REASON_DETAIL) {
            detail = detail.substring(0, MAX_REASON_DETAIL) + "...";
        }
        return e.getLocation() == null ? detail : detail + " at column " + e.getLocation().getColumnNr();
    }
}
