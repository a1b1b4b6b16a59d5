package org.alignmentmonitor.connectors.openai;

import static org.alignmentmonitor.connectors.openai.LogRecords.answer;
import static org.alignmentmonitor.connectors.openai.LogRecords.line;
import static org.alignmentmonitor.connectors.openai.LogRecords.metadata;
import static org.alignmentmonitor.connectors.openai.LogRecords.request;
import static org.alignmentmonitor.connectors.openai.LogRecords.response;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.avro.SamplingParams;
import org.alignmentmonitor.connectors.LogLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiLogParserTest {

    private static final Instant INGEST = Instant.parse("2030-01-01T00:00:00Z");
    private final OpenAiLogParser parser =
            new OpenAiLogParser(ModelVersionRule.defaultRule(), 4096, Clock.fixed(INGEST, ZoneOffset.UTC));

    private Interaction accepted(LogLine line) {
        ParseResult result = parser.parse(line);
        assertThat(result).isInstanceOf(ParseResult.Accepted.class);
        return ((ParseResult.Accepted) result).interaction();
    }

    private Interaction accepted(Consumer<ObjectNode> edit) {
        return accepted(line(edit));
    }

    private String rejection(LogLine line) {
        ParseResult result = parser.parse(line);
        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected) result).reason();
    }

    @Test
    void mapsAChatCompletionRecord() {
        Interaction interaction = accepted(line(LogRecords.VALID));

        assertThat(interaction.getId()).isEqualTo("chatcmpl-1");
        assertThat(interaction.getEventTime()).isEqualTo(Instant.ofEpochSecond(1793000000));
        assertThat(interaction.getModel()).isEqualTo("llama-2-chat");
        assertThat(interaction.getVersion()).isEqualTo("13b");
        assertThat(interaction.getConversation()).containsExactly(
                new Message("system", "Be brief."), new Message("user", "Name a prime."));
        assertThat(interaction.getCompletion()).isEqualTo("7.");
        assertThat(interaction.getFinishReason()).isEqualTo("stop");
        assertThat(interaction.getSampling()).isEqualTo(new SamplingParams(0.7, null, null, null));
        assertThat(interaction.getDeployment()).isEqualTo("eu-prod");
        assertThat(interaction.getTrainingProcessId()).isNull();
        assertThat(interaction.getTaskId()).isNull();
        assertThat(interaction.getSelfAssessment()).isNull();
        assertThat(interaction.getMetadata()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "deployment", "eu-prod", "dataset", "helpful_base", "source", "logs/a.jsonl:12"));
    }

    @Test
    void readsSamplingVariantsAndUser() {
        Interaction interaction = accepted(r -> request(r).put("top_p", 0.9).put("max_tokens", 256)
                .put("max_completion_tokens", 512).put("seed", 42L).put("user", "u-17"));

        assertThat(interaction.getSampling()).isEqualTo(new SamplingParams(0.7, 0.9, 512, 42L));
        assertThat(interaction.getMetadata()).containsEntry("user", "u-17");
        assertThat(accepted(r -> request(r).put("max_tokens", 256)).getSampling().getMaxTokens()).isEqualTo(256);
        assertThat(accepted(r -> request(r).remove("temperature")).getSampling()).isNull();
    }

    @Test
    void readsLabFieldsFromMetadata() {
        Interaction interaction = accepted(r -> metadata(r).put("self_assessment", 0.25)
                .put("training_process_id", "rlhf-7").put("task_id", "support").put("shard", 3));

        assertThat(interaction.getSelfAssessment()).isEqualTo(0.25);
        assertThat(interaction.getTrainingProcessId()).isEqualTo("rlhf-7");
        assertThat(interaction.getTaskId()).isEqualTo("support");
        assertThat(interaction.getMetadata()).containsEntry("shard", "3");
        assertThat(accepted(r -> r.put("self_assessment", 1)).getSelfAssessment()).isEqualTo(1.0);
        assertThat(accepted(r -> metadata(r).put("self_assessment", "0.5")).getSelfAssessment()).isEqualTo(0.5);
    }

    @Test
    void joinsTextContentPartsAndSkipsOthers() {
        Interaction interaction = accepted(r -> {
            ObjectNode user = (ObjectNode) request(r).get("messages").get(1);
            user.putArray("content")
                    .add(LogRecords.MAPPER.createObjectNode().put("type", "text").put("text", "Name a prime"))
                    .add(LogRecords.MAPPER.createObjectNode().put("type", "image_url").put("image_url", "x"))
                    .add(LogRecords.MAPPER.createObjectNode().put("type", "text").put("text", "below ten."));
            answer(r).putArray("content").add(LogRecords.MAPPER.createObjectNode().put("type", "text").put("text", "7."));
        });

        assertThat(interaction.getConversation().get(1).getContent()).isEqualTo("Name a prime\nbelow ten.");
        assertThat(interaction.getCompletion()).isEqualTo("7.");
    }

    @Test
    void keepsToolCallsAsAnEmptyCompletionWithTheirFinishReason() {
        Interaction interaction = accepted(r -> {
            answer(r).putNull("content").putArray("tool_calls").addObject().put("id", "call_1");
            ((ObjectNode) response(r).at("/choices/0")).put("finish_reason", "tool_calls");
        });

        assertThat(interaction.getCompletion()).isEmpty();
        assertThat(interaction.getFinishReason()).isEqualTo("tool_calls");
        assertThat(interaction.getMetadata()).containsEntry("tool_calls", "1");
    }

    @Test
    void usesTheRefusalWhenThereIsNoContent() {
        Interaction interaction = accepted(r -> answer(r).putNull("content").put("refusal", "I can't help with that."));

        assertThat(interaction.getCompletion()).isEqualTo("I can't help with that.");
        assertThat(interaction.getMetadata()).containsEntry("refusal", "true");
    }

    @Test
    void fallsBackToResponseModelAndIgnoresUnknownFields() {
        Interaction interaction = accepted(r -> {
            request(r).remove("model");
            r.put("shipper", "vector").putObject("extra").put("a", 1);
        });

        assertThat(interaction.getModel()).isEqualTo("llama-2-chat");
    }

    static Stream<Arguments> timestamps() {
        return Stream.of(
                Arguments.of("2026-11-22T10:15:30Z", "2026-11-22T10:15:30Z"),
                Arguments.of("2026-11-22T12:15:30.250+02:00", "2026-11-22T10:15:30.250Z"),
                Arguments.of("2026-11-22T10:15:30", "2026-11-22T10:15:30Z"),
                Arguments.of("2026-11-22 10:15:30", "2026-11-22T10:15:30Z"),
                Arguments.of(1795342530L, "2026-11-22T10:15:30Z"),
                Arguments.of(1795342530250L, "2026-11-22T10:15:30.250Z"),
                Arguments.of(1795342530.25, "2026-11-22T10:15:30.250Z"),
                Arguments.of("1795342530", "2026-11-22T10:15:30Z"));
    }

    @ParameterizedTest
    @MethodSource("timestamps")
    void readsTopLevelTimestampWhenCreatedIsAbsent(Object timestamp, String expected) {
        Interaction interaction = accepted(r -> {
            response(r).remove("created");
            r.set("timestamp", LogRecords.MAPPER.valueToTree(timestamp));
        });

        assertThat(interaction.getEventTime()).isEqualTo(Instant.parse(expected));
        assertThat(interaction.getMetadata()).doesNotContainKey("event_time_source");
    }

    @Test
    void usesIngestTimeWhenTheRecordHasNone() {
        Interaction interaction = accepted(r -> response(r).remove("created"));

        assertThat(interaction.getEventTime()).isEqualTo(INGEST);
        assertThat(interaction.getMetadata()).containsEntry("event_time_source", "ingest");
    }

    @Test
    void hashesRecordsWithoutIdStablyAcrossFormatting() {
        String id = accepted(r -> response(r).remove("id")).getId();
        String reordered = """
                {"metadata": {"dataset": "helpful_base", "deployment": "eu-prod"},
                 "response": {"choices": [{"message": {"content": "7.", "role": "assistant"}, "finish_reason": "stop", "index": 0}],
                    "created": 1793000000, "model": "llama-2-chat:13b", "object": "chat.completion",
                    "usage": {"completion_tokens": 2, "prompt_tokens": 9}},
                 "request": {"temperature": 0.7, "model": "llama-2-chat:13b", "messages": [
                    {"content": "Be brief.", "role": "system"}, {"role": "user", "content": "Name a prime."}]}}""";

        assertThat(id).matches("sha256:[0-9a-f]{64}");
        assertThat(accepted(new LogLine("other.jsonl", 99, reordered)).getId()).isEqualTo(id);
        assertThat(accepted(r -> {
            response(r).remove("id");
            answer(r).put("content", "11.");
        }).getId()).isNotEqualTo(id);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("truncated JSON", line("{\"request\": {"), "not JSON: Unexpected end-of-input"),
                Arguments.of("not JSON", line("hello"), "not JSON: Unrecognized token 'hello'"),
                Arguments.of("trailing garbage", line(LogRecords.VALID + " x"), "not JSON: "),
                Arguments.of("array", line("[1, 2]"), "not a JSON object"),
                Arguments.of("no request", edit(r -> r.remove("request")), "missing request"),
                Arguments.of("no response", edit(r -> r.remove("response")), "missing response"),
                Arguments.of("request not object", edit(r -> r.put("request", "x")), "request is not an object"),
                Arguments.of("no model", edit(r -> {
                    request(r).remove("model");
                    response(r).remove("model");
                }), "missing request.model and response.model"),
                Arguments.of("no messages", edit(r -> request(r).remove("messages")), "missing request.messages"),
                Arguments.of("empty messages", edit(r -> request(r).putArray("messages")), "request.messages is empty"),
                Arguments.of("no role", edit(r -> ((ObjectNode) request(r).get("messages").get(0)).remove("role")),
                        "missing request.messages[0].role"),
                Arguments.of("numeric content", edit(r -> ((ObjectNode) request(r).get("messages").get(1)).put("content", 5)),
                        "request.messages[1].content is not a string or an array of content parts"),
                Arguments.of("no choices", edit(r -> response(r).remove("choices")), "missing response.choices"),
                Arguments.of("empty choices", edit(r -> response(r).putArray("choices")), "missing response.choices[0]"),
                Arguments.of("no message", edit(r -> ((ObjectNode) response(r).at("/choices/0")).remove("message")),
                        "missing response.choices[0].message"),
                Arguments.of("no content", edit(r -> answer(r).remove("content")),
                        "missing response.choices[0].message.content"),
                Arguments.of("text part without text", edit(r -> answer(r).putArray("content").addObject().put("type", "text")),
                        "missing response.choices[0].message.content[0].text"),
                Arguments.of("temperature", edit(r -> request(r).put("temperature", "hot")), "request.temperature is not a number"),
                Arguments.of("max tokens", edit(r -> request(r).put("max_tokens", 1.5)), "request.max_tokens is not a 32-bit integer"),
                Arguments.of("self assessment high", edit(r -> metadata(r).put("self_assessment", 1.7)),
                        "self_assessment 1.7 outside [0,1]"),
                Arguments.of("self assessment negative", edit(r -> r.put("self_assessment", -0.1)),
                        "self_assessment -0.1 outside [0,1]"),
                Arguments.of("self assessment text", edit(r -> metadata(r).put("self_assessment", "high")),
                        "self_assessment 'high' is not a number"),
                Arguments.of("bad created", edit(r -> response(r).put("created", "soon")),
                        "response.created 'soon' is neither ISO-8601 nor epoch seconds/millis"),
                Arguments.of("bad timestamp", edit(r -> {
                    response(r).remove("created");
                    r.put("timestamp", "yesterday");
                }), "timestamp 'yesterday' is neither ISO-8601 nor epoch seconds/millis"),
                Arguments.of("empty version", edit(r -> request(r).put("model", "llama:")),
                        "model string 'llama:' has an empty model or version"),
                Arguments.of("oversized", line("{\"pad\": \"" + "x".repeat(5000) + "\"}"), "line larger than 4096 bytes"),
                Arguments.of("oversized in UTF-8", line("{\"pad\": \"" + "\u20ac".repeat(1400) + "\"}"),
                        "line larger than 4096 bytes"));
    }

    private static LogLine edit(Consumer<ObjectNode> edit) {
        return line(edit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsWithASpecificReason(String name, LogLine line, String reason) {
        assertThat(rejection(line)).startsWith(reason);
    }

    @Test
    void rejectionMessageCarriesTheLocation() {
        ParseResult.Rejected rejected = (ParseResult.Rejected) parser.parse(line("[]"));

        assertThat(rejected.message()).isEqualTo("logs/a.jsonl:12: not a JSON object");
    }

    @Test
    void notJsonReasonSaysWhere() {
        assertThat(rejection(line("{\"a\": x}"))).startsWith("not JSON: Unrecognized token 'x'").endsWith("at column 7");
    }
}
