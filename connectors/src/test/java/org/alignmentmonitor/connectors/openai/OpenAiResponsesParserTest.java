package org.alignmentmonitor.connectors.openai;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.avro.SamplingParams;
import org.alignmentmonitor.connectors.ingest.ParseOutcome;
import org.alignmentmonitor.connectors.ingest.ParseOutcomes;
import org.alignmentmonitor.connectors.ingest.ParserSettings;
import org.alignmentmonitor.connectors.ingest.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiResponsesParserTest {

    private static final SourceLocation WHERE = new SourceLocation.TopicOffset("gateway-logs", 2, 41);
    private static final Instant INGEST = Instant.parse("2030-01-01T00:00:00Z");
    private final OpenAiResponsesParser parser = new OpenAiResponsesParser(
            new ParserSettings(ModelVersionRule.defaultRule(), 4096, Clock.fixed(INGEST, ZoneOffset.UTC)));

    static final String VALID = """
            {"request": {"model": "gpt-4o:2024-08-06", "instructions": "Be brief.",
                         "input": [{"role": "user", "content": [{"type": "input_text", "text": "Name a prime."}]}],
                         "temperature": 0.2, "max_output_tokens": 64},
             "response": {"id": "resp_1", "object": "response", "created_at": 1793000000, "status": "completed",
                          "model": "gpt-4o:2024-08-06",
                          "output": [{"type": "reasoning", "id": "rs_1", "summary": []},
                                     {"type": "message", "id": "msg_1", "role": "assistant", "status": "completed",
                                      "content": [{"type": "output_text", "text": "7.", "annotations": []}]}]},
             "metadata": {"deployment": "eu-prod"}}
            """;

    private List<ParseOutcome> parse(String record) {
        return parser.parse(record.getBytes(UTF_8), WHERE);
    }

    private Interaction accepted(String record) {
        return ParseOutcomes.accepted(parse(record));
    }

    @Test
    void shouldMapAResponsesRecordWhenItIsComplete() {
        Interaction interaction = accepted(VALID);

        assertThat(interaction.getId()).isEqualTo("resp_1");
        assertThat(interaction.getEventTime()).isEqualTo(Instant.ofEpochSecond(1793000000));
        assertThat(interaction.getModel()).isEqualTo("gpt-4o");
        assertThat(interaction.getVersion()).isEqualTo("2024-08-06");
        assertThat(interaction.getConversation()).containsExactly(
                new Message("system", "Be brief."), new Message("user", "Name a prime."));
        assertThat(interaction.getCompletion()).isEqualTo("7.");
        assertThat(interaction.getFinishReason()).isEqualTo("stop");
        assertThat(interaction.getSampling()).isEqualTo(new SamplingParams(0.2, null, 64, null));
        assertThat(interaction.getDeployment()).isEqualTo("eu-prod");
        assertThat(interaction.getMetadata()).containsEntry("source", "gateway-logs-2@41");
    }

    @Test
    void shouldKeepTheLimitAsFinishReasonWhenTheResponseIsIncomplete() {
        Interaction interaction = accepted(VALID.replace("\"status\": \"completed\",\n",
                "\"status\": \"incomplete\", \"incomplete_details\": {\"reason\": \"max_output_tokens\"},\n"));

        assertThat(interaction.getFinishReason()).isEqualTo("max_output_tokens");
    }

    @Test
    void shouldReadAStringInputAndAStructuredRefusal() {
        Interaction interaction = accepted("""
                {"request": {"model": "gpt-4o", "input": "Help me."},
                 "response": {"status": "completed", "output": [{"type": "message", "role": "assistant",
                   "content": [{"type": "refusal", "refusal": "I can't help with that."}]}]}}
                """);

        assertThat(interaction.getVersion()).isEqualTo(ModelVersionRule.UNVERSIONED);
        assertThat(interaction.getConversation()).containsExactly(new Message("user", "Help me."));
        assertThat(interaction.getCompletion()).isEqualTo("I can't help with that.");
        assertThat(interaction.getMetadata()).containsEntry("refusal", "true").containsEntry("event_time_source", "ingest");
        assertThat(interaction.getEventTime()).isEqualTo(INGEST);
    }

    @Test
    void shouldCountToolCallsAndKeepToolOutputsAsTurnsWhenTheModelCallsTools() {
        Interaction interaction = accepted("""
                {"request": {"model": "gpt-4o:1", "input": [{"type": "message", "role": "user", "content": "Weather?"},
                   {"type": "function_call", "call_id": "c1", "name": "weather", "arguments": "{}"},
                   {"type": "function_call_output", "call_id": "c1", "output": "sunny"}]},
                 "response": {"id": "resp_2", "created_at": 1793000000, "status": "completed",
                   "output": [{"type": "function_call", "call_id": "c2", "name": "weather", "arguments": "{}"}]}}
                """);

        assertThat(interaction.getConversation()).containsExactly(
                new Message("user", "Weather?"), new Message("tool", "sunny"));
        assertThat(interaction.getCompletion()).isEmpty();
        assertThat(interaction.getFinishReason()).isEqualTo("tool_calls");
        assertThat(interaction.getMetadata()).containsEntry("tool_calls", "1");
    }

    @Test
    void shouldGiveTheSameIdWhenTheSameRecordWithoutIdArrivesTwiceFormattedDifferently() {
        String compact = "{\"request\":{\"model\":\"m:1\",\"input\":\"hi\"},\"response\":{\"output\":[]}}";
        String spaced = "{ \"response\": {\"output\": [ ]},\n \"request\": {\"input\": \"hi\", \"model\": \"m:1\"} }";

        assertThat(accepted(compact).getId()).startsWith("sha256:").isEqualTo(accepted(spaced).getId());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"request\": {\"model\": \"m\"}, \"response\": {\"output\": []}}                   | missing request.input",
        "{\"request\": {\"model\": \"m\", \"input\": 3}, \"response\": {\"output\": []}}      | request.input is not a string or an array",
        "{\"request\": {\"model\": \"m\", \"input\": []}, \"response\": {\"output\": []}}     | request.input has no message",
        "{\"request\": {\"model\": \"m\", \"input\": \"x\"}, \"response\": {}}                | missing response.output",
        "{\"request\": {\"input\": \"x\"}, \"response\": {\"output\": []}}                    | missing request.model and response.model",
        "{\"request\": {\"model\": \"m\", \"input\": \"x\"}, \"response\": {\"status\": \"failed\", \"output\": []}} | response.status is 'failed'",
        "{\"request\": {\"model\": \"m\", \"input\": [{\"content\": \"x\"}]}, \"response\": {\"output\": []}} | missing request.input[0].role",
        "[1]                                                                                   | not a JSON object",
        "{\"request\":                                                                          | not JSON",
    })
    void shouldRejectWithTheReasonAndLocationWhenTheRecordIsMalformed(String record, String reason) {
        List<ParseOutcome> outcomes = parse(record);

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(ParseOutcome.Rejected.class, rejected -> {
            assertThat(rejected.reason()).startsWith(reason);
            assertThat(rejected.location()).isEqualTo(WHERE);
        });
    }

    @Test
    void shouldRejectWhenTheRecordIsLargerThanTheLimit() {
        String big = VALID.replace("Name a prime.", "x".repeat(5000));

        assertThat(parse(big)).singleElement().isInstanceOfSatisfying(ParseOutcome.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo("record larger than 4096 bytes"));
    }
}
