package org.alignmentmonitor.connectors.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.alignmentmonitor.connectors.LogLine;

/** Builds test log lines from a valid chat-completions record and an edit. */
final class LogRecords {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static final String VALID = """
            {"request": {"model": "llama-2-chat:13b", "messages": [
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": "Name a prime."}], "temperature": 0.7},
             "response": {"id": "chatcmpl-1", "object": "chat.completion", "created": 1793000000,
                "model": "llama-2-chat:13b",
                "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "7."}}],
                "usage": {"prompt_tokens": 9, "completion_tokens": 2}},
             "metadata": {"deployment": "eu-prod", "dataset": "helpful_base"}}""";

    private LogRecords() {
    }

    static ObjectNode valid() {
        try {
            return (ObjectNode) MAPPER.readTree(VALID);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LogLine line(Consumer<ObjectNode> edit) {
        ObjectNode record = valid();
        edit.accept(record);
        return line(record.toString());
    }

    static LogLine line(String text) {
        return new LogLine("logs/a.jsonl", 12, text);
    }

    static ObjectNode request(ObjectNode record) {
        return (ObjectNode) record.get("request");
    }

    static ObjectNode response(ObjectNode record) {
        return (ObjectNode) record.get("response");
    }

    static ObjectNode metadata(ObjectNode record) {
        return (ObjectNode) record.get("metadata");
    }

    static ObjectNode answer(ObjectNode record) {
        return (ObjectNode) record.at("/response/choices/0/message");
    }
}
