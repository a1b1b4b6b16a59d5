package org.alignmentmonitor.connectors.openai;

import static org.alignmentmonitor.connectors.openai.JsonFields.optional;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalDouble;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalInt;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalObject;
import static org.alignmentmonitor.connectors.openai.JsonFields.optionalText;
import static org.alignmentmonitor.connectors.openai.JsonFields.requireObject;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.avro.SamplingParams;
import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.alignmentmonitor.connectors.ingest.ParserSettings;

/**
 * Turns one OpenAI Responses API log record ({@code {"request": ..., "response": ..., "metadata": ...}},
 * the request body of {@code POST /v1/responses} and the response object) into an Interaction.
 * The conversation is the {@code instructions} (as a system turn) followed by the message items of
 * {@code input}; the completion is the text of the {@code output} message items. Thread-safe.
 */
public final class OpenAiResponsesParser extends JsonRecordParser {

    private static final String STATUS_COMPLETED = "completed";
    private static final String STATUS_INCOMPLETE = "incomplete";

    public OpenAiResponsesParser(ParserSettings settings) {
        super(settings);
    }

    @Override
    public LogFormat format() {
        return LogFormat.OPENAI_RESPONSES;
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
        String status = optionalText(response, "status", "response.status");
        if (status != null && !status.equals(STATUS_COMPLETED) && !status.equals(STATUS_INCOMPLETE)) {
            throw new InvalidRecordException("response.status is '" + status + "': no finished answer to judge");
        }
        List<Message> conversation = conversation(request);
        Answer answer = answer(response);
        if (answer.refused()) {
            metadata.put(OpenAiLogParser.META_REFUSAL, "true");
        }
        if (answer.toolCalls() > 0) {
            metadata.put(OpenAiLogParser.META_TOOL_CALLS, Integer.toString(answer.toolCalls()));
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
                .setCompletion(answer.text())
                .setFinishReason(finishReason(response, status, answer))
                .setSampling(sampling(request))
                .setTaskId(metadata.get("task_id"))
                .setMetadata(metadata)
                .build();
    }

    private static List<Message> conversation(JsonNode request) {
        List<Message> conversation = new ArrayList<>();
        String instructions = optionalText(request, "instructions", "request.instructions");
        if (instructions != null) {
            conversation.add(new Message("system", instructions));
        }
        JsonNode input = optional(request, "input");
        if (input == null) {
            throw new InvalidRecordException("missing request.input");
        }
        if (input.isTextual()) {
            conversation.add(new Message("user", input.textValue()));
        } else if (input.isArray()) {
            for (int i = 0; i < input.size(); i++) {
                Message message = inputMessage(input.get(i), "request.input[" + i + "]");
                if (message != null) {
                    conversation.add(message);
                }
            }
        } else {
            throw new InvalidRecordException("request.input is not a string or an array");
        }
        if (conversation.isEmpty()) {
            throw new InvalidRecordException("request.input has no message");
        }
        return conversation;
    }

    /** A message item, or a tool's output as a {@code tool} turn; other items (reasoning, calls) are no text. */
    private static Message inputMessage(JsonNode item, String path) {
        if (!item.isObject()) {
            throw new InvalidRecordException(path + " is not an object");
        }
        String type = optionalText(item, "type", path + ".type");
        if ("function_call_output".equals(type)) {
            JsonNode output = optional(item, "output");
            return new Message("tool", output == null ? "" : ContentText.of(output, path + ".output"));
        }
        if (type != null && !type.equals("message")) {
            return null;
        }
        String role = optionalText(item, "role", path + ".role");
        if (role == null) {
            throw new InvalidRecordException("missing " + path + ".role");
        }
        JsonNode content = optional(item, "content");
        return new Message(role, content == null ? "" : ContentText.of(content, path + ".content"));
    }

    private record Answer(String text, boolean refused, int toolCalls) {
    }

    private static Answer answer(JsonNode response) {
        JsonNode output = optional(response, "output");
        if (output == null) {
            throw new InvalidRecordException("missing response.output");
        }
        if (!output.isArray()) {
            throw new InvalidRecordException("response.output is not an array");
        }
        StringBuilder text = new StringBuilder();
        String refusal = null;
        int toolCalls = 0;
        for (int i = 0; i < output.size(); i++) {
            String path = "response.output[" + i + "]";
            JsonNode item = output.get(i);
            if (!item.isObject()) {
                throw new InvalidRecordException(path + " is not an object");
            }
            String type = optionalText(item, "type", path + ".type");
            if (type != null && type.endsWith("_call")) {
                toolCalls++;
            } else if ("message".equals(type) || type == null && item.has("content")) {
                JsonNode content = optional(item, "content");
                if (content == null) {
                    continue;
                }
                refusal = refusal != null ? refusal : refusal(content, path + ".content");
                append(text, ContentText.of(content, path + ".content"));
            }
        }
        // A structured refusal carries its words outside the text parts: they are the answer shown.
        String completion = text.isEmpty() && refusal != null ? refusal : text.toString();
        return new Answer(completion, refusal != null, toolCalls);
    }

    private static String refusal(JsonNode content, String path) {
        if (!content.isArray()) {
            return null;
        }
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            if (part.isObject() && "refusal".equals(part.path("type").asText())) {
                String refusal = optionalText(part, "refusal", path + "[" + i + "].refusal");
                return refusal == null ? "" : refusal;
            }
        }
        return null;
    }

    private static void append(StringBuilder text, String part) {
        if (!part.isEmpty()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(part);
        }
    }

    /** Chat-completions vocabulary where one exists, so classifiers read every format alike. */
    private static String finishReason(JsonNode response, String status, Answer answer) {
        if (STATUS_INCOMPLETE.equals(status)) {
            JsonNode details = optionalObject(response, "incomplete_details", "response.incomplete_details");
            String reason = optionalText(details, "reason", "response.incomplete_details.reason");
            return reason == null ? STATUS_INCOMPLETE : reason;
        }
        if (status == null) {
            return null;
        }
        return answer.toolCalls() > 0 && answer.text().isEmpty() ? "tool_calls" : "stop";
    }

    private static SamplingParams sampling(JsonNode request) {
        Double temperature = optionalDouble(request, "temperature", "request.temperature");
        Double topP = optionalDouble(request, "top_p", "request.top_p");
        Integer maxTokens = optionalInt(request, "max_output_tokens", "request.max_output_tokens");
        if (temperature == null && topP == null && maxTokens == null) {
            return null;
        }
        return new SamplingParams(temperature, topP, maxTokens, null);
    }
}
