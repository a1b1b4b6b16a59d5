package org.alignmentmonitor.connectors.anthropic;

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
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicMessagesParserTest {

    private static final SourceLocation WHERE = new SourceLocation.HttpRequest("req-9", 3);
    private static final Instant INGEST = Instant.parse("2030-01-01T00:00:00Z");
    private final AnthropicMessagesParser parser = new AnthropicMessagesParser(new ParserSettings(
            ModelVersionRule.parse("regex:(?<model>claude-[a-z0-9-]+?)-(?<version>\\d{8})"), 4096,
            Clock.fixed(INGEST, ZoneOffset.UTC)));

    static final String VALID = """
            {"timestamp": "2026-11-02T10:00:00Z",
             "request": {"model": "claude-sonnet-4-20250514", "max_tokens": 512, "temperature": 0.5,
                         "system": [{"type": "text", "text": "Be brief."}],
                         "messages": [{"role": "user", "content": "Name a prime."}]},
             "response": {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-20250514",
                          "content": [{"type": "thinking", "thinking": "primes..."}, {"type": "text", "text": "7."}],
                          "stop_reason": "end_turn", "usage": {"input_tokens": 9, "output_tokens": 2}},
             "metadata": {"deployment": "us-prod"}}
            """;

    private List<ParseOutcome> parse(String record) {
        return parser.parse(record.getBytes(UTF_8), WHERE);
    }

    private Interaction accepted(String record) {
        return ParseOutcomes.accepted(parse(record));
    }

    @Test
    void shouldMapAMessagesRecordWithTheVersionFromTheRule() {
        Interaction interaction = accepted(VALID);

        assertThat(interaction.getId()).isEqualTo("msg_01");
        assertThat(interaction.getEventTime()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
        assertThat(interaction.getModel()).isEqualTo("claude-sonnet-4");
        assertThat(interaction.getVersion()).isEqualTo("20250514");
        assertThat(interaction.getConversation()).containsExactly(
                new Message("system", "Be brief."), new Message("user", "Name a prime."));
        assertThat(interaction.getCompletion()).isEqualTo("7.");
        assertThat(interaction.getFinishReason()).isEqualTo("end_turn");
        assertThat(interaction.getSampling()).isEqualTo(new SamplingParams(0.5, null, 512, null));
        assertThat(interaction.getMetadata()).containsEntry("source", "http:req-9#3").containsEntry("deployment", "us-prod");
    }

    @Test
    void shouldCountToolUseAndMarkRefusalsWhenTheAnswerHasThem() {
        Interaction tools = accepted(VALID.replace("{\"type\": \"text\", \"text\": \"7.\"}",
                "{\"type\": \"tool_use\", \"id\": \"t1\", \"name\": \"calc\", \"input\": {}}").replace("end_turn", "tool_use"));
        Interaction refusal = accepted(VALID.replace("end_turn", "refusal"));

        assertThat(tools.getCompletion()).isEmpty();
        assertThat(tools.getMetadata()).containsEntry("tool_calls", "1");
        assertThat(refusal.getMetadata()).containsEntry("refusal", "true");
    }

    @Test
    void shouldUseTheIngestTimeAndAContentIdWhenTheRecordHasNeither() {
        String record = VALID.replace("\"timestamp\": \"2026-11-02T10:00:00Z\",", "").replace("\"id\": \"msg_01\", ", "");

        Interaction once = accepted(record);

        assertThat(once.getEventTime()).isEqualTo(INGEST);
        assertThat(once.getMetadata()).containsEntry("event_time_source", "ingest");
        assertThat(once.getId()).startsWith("sha256:").isEqualTo(accepted(record).getId());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"request\": {\"model\": \"claude-x-20250101\"}, \"response\": {\"content\": []}}             | missing request.messages",
        "{\"request\": {\"model\": \"claude-x-20250101\", \"messages\": []}, \"response\": {\"content\": []}} | request.messages is empty",
        "{\"request\": {\"model\": \"claude-x-20250101\", \"messages\": [{\"role\": \"user\"}]}, \"response\": {\"content\": []}} | missing request.messages[0].content",
        "{\"request\": {\"model\": \"claude-x-20250101\", \"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}, \"response\": {}} | missing response.content",
        "{\"request\": {\"model\": \"claude-x-20250101\", \"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}, \"response\": {\"type\": \"error\", \"content\": []}} | response.type is 'error'",
        "{\"request\": {\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}, \"response\": {\"content\": []}} | model string 'gpt-4o' does not match",
        "{\"request\": {\"model\": \"claude-x-20250101\", \"messages\": [{\"role\": \"user\", \"content\": 5}]}, \"response\": {\"content\": []}} | request.messages[0].content is not a string or an array",
        "not json | not JSON",
    })
    void shouldRejectWithTheReasonAndLocationWhenTheRecordIsMalformed(String record, String reason) {
        assertThat(parse(record)).singleElement().isInstanceOfSatisfying(ParseOutcome.Rejected.class, rejected -> {
            assertThat(rejected.reason()).startsWith(reason);
            assertThat(rejected.location()).isEqualTo(WHERE);
        });
    }
}
