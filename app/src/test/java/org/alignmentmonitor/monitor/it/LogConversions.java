package org.alignmentmonitor.monitor.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites one OpenAI chat-completions log line of the shared traffic as the same exchange logged in
 * another API's format, so every ingest path can be fed the same interactions.
 */
final class LogConversions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogConversions() {
    }

    /** The Anthropic Messages request/response of the exchange; the log time moves to {@code timestamp}. */
    static byte[] toAnthropicMessages(String chatLine) {
        JsonNode chat = read(chatLine);
        ObjectNode out = JSON.createObjectNode();
        out.set("timestamp", chat.at("/response/created"));
        ObjectNode request = out.putObject("request").put("model", chat.at("/request/model").asText());
        ArrayNode messages = request.putArray("messages");
        for (JsonNode m : chat.at("/request/messages")) {
            if (m.path("role").asText().equals("system")) {
                request.put("system", m.path("content").asText());
            } else {
                messages.addObject().put("role", m.path("role").asText()).put("content", m.path("content").asText());
            }
        }
        copyIfPresent(chat.path("request"), "temperature", request);
        JsonNode choice = chat.at("/response/choices/0");
        ObjectNode response = out.putObject("response").put("id", chat.at("/response/id").asText()).put("type", "message")
                .put("role", "assistant").put("model", chat.at("/request/model").asText())
                .put("stop_reason", choice.path("finish_reason").asText().equals("length") ? "max_tokens" : "end_turn");
        response.putArray("content").addObject().put("type", "text").put("text", choice.at("/message/content").asText(""));
        copyIfPresent(chat, "metadata", out);
        return bytes(out);
    }

    /** The OpenAI Responses API request/response of the exchange. */
    static byte[] toOpenAiResponses(String chatLine) {
        JsonNode chat = read(chatLine);
        ObjectNode out = JSON.createObjectNode();
        ObjectNode request = out.putObject("request").put("model", chat.at("/request/model").asText());
        ArrayNode input = request.putArray("input");
        for (JsonNode m : chat.at("/request/messages")) {
            input.addObject().put("role", m.path("role").asText()).put("content", m.path("content").asText());
        }
        copyIfPresent(chat.path("request"), "temperature", request);
        JsonNode choice = chat.at("/response/choices/0");
        boolean cut = choice.path("finish_reason").asText().equals("length");
        ObjectNode response = out.putObject("response").put("id", chat.at("/response/id").asText()).put("object", "response")
                .put("status", cut ? "incomplete" : "completed");
        response.set("created_at", chat.at("/response/created"));
        if (cut) {
            response.putObject("incomplete_details").put("reason", "max_output_tokens");
        }
        response.putArray("output").addObject().put("type", "message").put("role", "assistant")
                .putArray("content").addObject().put("type", "output_text").put("text", choice.at("/message/content").asText(""));
        copyIfPresent(chat, "metadata", out);
        return bytes(out);
    }

    private static void copyIfPresent(JsonNode from, String field, ObjectNode to) {
        if (from.hasNonNull(field)) {
            to.set(field, from.get(field));
        }
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
