package org.alignmentmonitor.connectors.otel;

import static org.alignmentmonitor.connectors.otel.OtlpSpans.attr;
import static org.alignmentmonitor.connectors.otel.OtlpSpans.batch;
import static org.alignmentmonitor.connectors.otel.OtlpSpans.event;
import static org.alignmentmonitor.connectors.otel.OtlpSpans.span;
import static org.alignmentmonitor.connectors.otel.OtlpSpans.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.alignmentmonitor.connectors.ingest.ParseOutcome;
import org.alignmentmonitor.connectors.ingest.ParserSettings;
import org.alignmentmonitor.connectors.ingest.Parsers;
import org.alignmentmonitor.connectors.ingest.RecordParser;
import org.alignmentmonitor.connectors.ingest.SourceLocation;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.junit.jupiter.api.Test;

class OtlpTraceParserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final SourceLocation BATCH = new SourceLocation.HttpRequest("req-1", 0);
    private static final String INPUT = """
            [{"role": "user", "parts": [{"type": "text", "content": "Name three primes."},
                                        {"type": "uri", "modality": "image", "uri": "https://x/y.png"}]}]""";
    private static final String OUTPUT = """
            [{"role": "assistant", "finish_reason": "stop",
              "parts": [{"type": "text", "content": "2, 3 and 5."}]}]""";

    private final OtlpTraceParser proto = new OtlpTraceParser(LogFormat.OTLP_PROTO, ModelVersionRule.defaultRule(), 1 << 20, CLOCK);
    private final OtlpTraceParser json = new OtlpTraceParser(LogFormat.OTLP_JSON, ModelVersionRule.defaultRule(), 1 << 20, CLOCK);

    @Test
    void shouldReadCurrentConventionsWhenMessagesAreSpanAttributes() {
        Span span = span("chat llama-2-chat:13b",
                attr("gen_ai.operation.name", "chat"),
                attr("gen_ai.request.model", "llama-2-chat:13b"),
                attr("gen_ai.system_instructions", "[{\"type\": \"text\", \"content\": \"Be brief.\"}]"),
                attr("gen_ai.input.messages", INPUT),
                attr("gen_ai.output.messages", OUTPUT),
                attr("gen_ai.conversation.id", "conv-7"),
                attr("gen_ai.request.temperature", 0.2),
                attr("gen_ai.request.max_tokens", 64L)).build();

        Interaction interaction = accepted(proto, batch(span));

        assertThat(interaction.getId()).isEqualTo("otel:" + OtlpSpans.TRACE_ID + ":" + OtlpSpans.SPAN_ID);
        assertThat(interaction.getModel()).isEqualTo("llama-2-chat");
        assertThat(interaction.getVersion()).isEqualTo("13b");
        assertThat(interaction.getConversation()).containsExactly(
                new Message("system", "Be brief."), new Message("user", "Name three primes."));
        assertThat(interaction.getCompletion()).isEqualTo("2, 3 and 5.");
        assertThat(interaction.getFinishReason()).isEqualTo("stop");
        assertThat(interaction.getEventTime()).isEqualTo(Instant.ofEpochMilli(OtlpSpans.END_NANOS / 1_000_000));
        assertThat(interaction.getSampling().getTemperature()).isEqualTo(0.2);
        assertThat(interaction.getSampling().getMaxTokens()).isEqualTo(64);
        assertThat(interaction.getMetadata()).containsEntry("conversation_id", "conv-7")
                .containsEntry("service.name", "chat-gateway")
                .containsEntry("source", "http:req-1#0/span:" + OtlpSpans.TRACE_ID + ":" + OtlpSpans.SPAN_ID);
    }

    @Test
    void shouldReadCurrentConventionsWhenMessagesAreStructuredOnTheDetailsEvent() {
        var userMessage = OtlpSpans.map(attr("role", "user"), attr("parts", OtlpSpans.array(
                OtlpSpans.map(attr("type", "text"), attr("content", "Hi")))));
        var answer = OtlpSpans.map(attr("role", "assistant"), attr("parts", OtlpSpans.array(
                OtlpSpans.map(attr("type", "tool_call"), attr("name", "lookup")))));
        Span span = span("chat gpt-4o",
                attr("gen_ai.operation.name", "chat"),
                attr("gen_ai.request.model", "gpt-4o"),
                strings("gen_ai.response.finish_reasons", "tool_calls"))
                .addEvents(event(CurrentGenAiLayout.DETAILS_EVENT,
                        attr("gen_ai.input.messages", OtlpSpans.array(userMessage)),
                        attr("gen_ai.output.messages", OtlpSpans.array(answer))))
                .build();

        Interaction interaction = accepted(proto, batch(span));

        assertThat(interaction.getVersion()).isEqualTo("unversioned");
        assertThat(interaction.getConversation()).containsExactly(new Message("user", "Hi"));
        assertThat(interaction.getCompletion()).isEmpty();
        assertThat(interaction.getFinishReason()).isEqualTo("tool_calls");
        assertThat(interaction.getMetadata()).containsEntry("tool_calls", "1");
    }

    @Test
    void shouldReadIndexedPromptAndCompletionAttributesWhenOpenLlmetryWroteThem() {
        Span span = span("openai.chat",
                attr("gen_ai.system", "openai"),
                attr("llm.request.type", "chat"),
                attr("gen_ai.request.model", "gpt-4-turbo:1106"),
                attr("gen_ai.prompt.0.role", "system"),
                attr("gen_ai.prompt.0.content", "Answer in French."),
                attr("gen_ai.prompt.1.role", "user"),
                attr("gen_ai.prompt.1.content", "[{\"type\": \"text\", \"text\": \"Hello\"}]"),
                attr("gen_ai.completion.0.role", "assistant"),
                attr("gen_ai.completion.0.content", "Bonjour"),
                attr("gen_ai.completion.0.finish_reason", "length")).build();

        Interaction interaction = accepted(proto, batch(span));

        assertThat(interaction.getVersion()).isEqualTo("1106");
        assertThat(interaction.getConversation()).containsExactly(
                new Message("system", "Answer in French."), new Message("user", "Hello"));
        assertThat(interaction.getCompletion()).isEqualTo("Bonjour");
        assertThat(interaction.getFinishReason()).isEqualTo("length");
        assertThat(interaction.getMetadata()).containsEntry("provider", "openai");
    }

    @Test
    void shouldKeepBracketedProseWhenLegacyContentIsNotAPartList() {
        Span span = span("chat",
                attr("gen_ai.request.model", "m:1"),
                attr("gen_ai.prompt.0.role", "user"),
                attr("gen_ai.prompt.0.content", "[1, 2, 3] sorted?"),
                attr("gen_ai.completion.0.content", "Yes.")).build();

        assertThat(accepted(proto, batch(span)).getConversation()).containsExactly(new Message("user", "[1, 2, 3] sorted?"));
    }

    @Test
    void shouldReadMessageEventsWhenTheOlderEventLayoutIsUsed() {
        Span span = span("chat m",
                attr("gen_ai.operation.name", "chat"),
                attr("gen_ai.request.model", "m:2"))
                .addEvents(event("gen_ai.system.message", attr("content", "Be kind.")))
                .addEvents(event("gen_ai.user.message", attr("content", "Hello?")))
                .addEvents(event("gen_ai.choice", attr("index", 1L), attr("finish_reason", "stop"),
                        attr("message", "{\"role\": \"assistant\", \"content\": \"second\"}")))
                .addEvents(event("gen_ai.choice", attr("index", 0L), attr("finish_reason", "length"),
                        attr("message", OtlpSpans.map(attr("content", "first")))))
                .build();

        Interaction interaction = accepted(proto, batch(span));

        assertThat(interaction.getConversation()).containsExactly(new Message("system", "Be kind."), new Message("user", "Hello?"));
        assertThat(interaction.getCompletion()).isEqualTo("first");
        assertThat(interaction.getFinishReason()).isEqualTo("length");
    }

    @Test
    void shouldReadContentEventsWhenPromptAndCompletionAreJsonLists() {
        Span span = span("chat",
                attr("gen_ai.request.model", "m:3"))
                .addEvents(event("gen_ai.content.prompt", attr("gen_ai.prompt", "[{\"role\": \"user\", \"content\": \"Q\"}]")))
                .addEvents(event("gen_ai.content.completion", attr("gen_ai.completion", "[{\"role\": \"assistant\", \"content\": \"A\"}]")))
                .build();

        Interaction interaction = accepted(proto, batch(span));

        assertThat(interaction.getConversation()).containsExactly(new Message("user", "Q"));
        assertThat(interaction.getCompletion()).isEqualTo("A");
    }

    @Test
    void shouldReadOpenInferenceMessagesWhenTheSpanKindIsLlm() {
        Span span = span("ChatCompletion",
                attr("openinference.span.kind", "LLM"),
                attr("llm.model_name", "mistral:7b-instruct"),
                attr("llm.input_messages.0.message.role", "user"),
                attr("llm.input_messages.0.message.contents.1.message_content.type", "text"),
                attr("llm.input_messages.0.message.contents.1.message_content.text", "part two"),
                attr("llm.input_messages.0.message.contents.0.message_content.text", "part one"),
                attr("llm.output_messages.0.message.role", "assistant"),
                attr("llm.output_messages.0.message.content", "Done."),
                attr("session.id", "s-1")).build();

        Interaction interaction = accepted(proto, batch(span));

        assertThat(interaction.getModel()).isEqualTo("mistral");
        assertThat(interaction.getVersion()).isEqualTo("7b-instruct");
        assertThat(interaction.getConversation()).containsExactly(new Message("user", "part one\npart two"));
        assertThat(interaction.getCompletion()).isEqualTo("Done.");
        assertThat(interaction.getMetadata()).containsEntry("conversation_id", "s-1");
    }

    @Test
    void shouldIgnoreSpansWhenTheyAreNotInferences() {
        ExportTraceServiceRequest request = batch(
                span("GET /v1/chat", attr("http.request.method", "GET")).build(),
                span("execute_tool lookup", attr("gen_ai.operation.name", "execute_tool"),
                        attr("gen_ai.input.messages", INPUT)).build(),
                span("agent", attr("openinference.span.kind", "CHAIN"), attr("llm.model_name", "m")).build());

        List<ParseOutcome> outcomes = proto.parse(request.toByteArray(), BATCH);

        assertThat(outcomes).hasSize(3).allMatch(o -> o instanceof ParseOutcome.Ignored);
        assertThat(((ParseOutcome.Ignored) outcomes.get(1)).why()).contains("execute_tool");
    }

    @Test
    void shouldRejectWithTheReasonWhenAnInferenceSpanCannotBeRead() {
        ExportTraceServiceRequest request = batch(
                span("chat", attr("gen_ai.operation.name", "chat"), attr("gen_ai.request.model", "m:1")).build(),
                span("chat", attr("gen_ai.operation.name", "chat"),
                        attr("gen_ai.input.messages", INPUT), attr("gen_ai.output.messages", OUTPUT)).build(),
                span("chat", attr("gen_ai.request.model", "m:1"),
                        attr("gen_ai.input.messages", "[{\"role\": \"user\""), attr("gen_ai.output.messages", OUTPUT)).build());

        List<String> reasons = proto.parse(request.toByteArray(), BATCH).stream()
                .map(o -> ((ParseOutcome.Rejected) o).reason()).toList();

        assertThat(reasons.get(0)).contains("without its prompt and completion");
        assertThat(reasons.get(1)).contains("missing gen_ai.request.model");
        assertThat(reasons.get(2)).contains("gen_ai.input.messages is not JSON");
    }

    @Test
    void shouldGiveTheSameIdWhenTheSameSpanArrivesTwice() {
        Span span = span("chat", attr("gen_ai.request.model", "m:1"),
                attr("gen_ai.input.messages", INPUT), attr("gen_ai.output.messages", OUTPUT)).build();

        assertThat(accepted(proto, batch(span)).getId()).isEqualTo(accepted(json, jsonBatch(batch(span))).getId());
    }

    @Test
    void shouldDecodeHexIdsWhenTheBatchIsOtlpJson() {
        Span span = span("chat", attr("gen_ai.request.model", "m:1"),
                attr("gen_ai.input.messages", INPUT), attr("gen_ai.output.messages", OUTPUT)).build();
        String body = new String(jsonBatch(batch(span)), StandardCharsets.UTF_8);

        assertThat(body).contains("\"traceId\": \"" + OtlpSpans.TRACE_ID + "\"");
        assertThat(accepted(json, body.getBytes(StandardCharsets.UTF_8)).getMetadata())
                .containsEntry("otel.trace_id", OtlpSpans.TRACE_ID).containsEntry("otel.span_id", OtlpSpans.SPAN_ID);
    }

    @Test
    void shouldTakeTheVersionFromAResourceAttributeWhenTheRuleSaysSo() {
        OtlpTraceParser parser = new OtlpTraceParser(LogFormat.OTLP_PROTO, ModelVersionRule.parse("metadata:service.version"), 1 << 20, CLOCK);
        Span span = span("chat", attr("gen_ai.request.model", "assistant"),
                attr("gen_ai.input.messages", INPUT), attr("gen_ai.output.messages", OUTPUT)).build();

        Interaction interaction = accepted(parser, batch(List.of(attr("service.version", "v3")), span));

        assertThat(interaction.getModel()).isEqualTo("assistant");
        assertThat(interaction.getVersion()).isEqualTo("v3");
    }

    @Test
    void shouldRejectTheWholeBatchWhenItCannotBeDecoded() {
        byte[] garbage = {0x0a, 0x7f, 0x01};
        String badHex = "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"zz\"}]}]}]}";

        assertThat(reason(proto.parse(garbage, BATCH))).startsWith("not an OTLP protobuf");
        assertThat(reason(json.parse("{\"resourceSpans\": 3".getBytes(StandardCharsets.UTF_8), BATCH))).startsWith("not JSON");
        assertThat(reason(json.parse(badHex.getBytes(StandardCharsets.UTF_8), BATCH))).contains("traceId 'zz' is not hex");
        assertThat(reason(new OtlpTraceParser(LogFormat.OTLP_PROTO, ModelVersionRule.defaultRule(), 2, CLOCK)
                .parse(new byte[3], BATCH))).isEqualTo("batch larger than 2 bytes");
    }

    @Test
    void shouldBeTheParserOfBothOtlpFormatsWhenTheFactoryIsAsked() {
        Span span = span("chat", attr("gen_ai.request.model", "m:1"),
                attr("gen_ai.input.messages", INPUT), attr("gen_ai.output.messages", OUTPUT)).build();

        RecordParser fromFactory = Parsers.of(LogFormat.OTLP_PROTO, ParserSettings.defaults());

        assertThat(fromFactory.format()).isEqualTo(LogFormat.OTLP_PROTO);
        assertThat(Parsers.of(LogFormat.OTLP_JSON, ParserSettings.defaults()).format()).isEqualTo(LogFormat.OTLP_JSON);
        assertThat(accepted((OtlpTraceParser) fromFactory, batch(span)).getVersion()).isEqualTo("1");
    }

    private static String reason(List<ParseOutcome> outcomes) {
        assertThat(outcomes).hasSize(1);
        ParseOutcome.Rejected rejected = (ParseOutcome.Rejected) outcomes.get(0);
        assertThat(rejected.location()).isEqualTo(BATCH);
        return rejected.reason();
    }

    private static Interaction accepted(OtlpTraceParser parser, ExportTraceServiceRequest request) {
        return accepted(parser, request.toByteArray());
    }

    private static Interaction accepted(OtlpTraceParser parser, byte[] raw) {
        List<ParseOutcome> outcomes = parser.parse(raw, BATCH);
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0)).isInstanceOf(ParseOutcome.Accepted.class);
        return ((ParseOutcome.Accepted) outcomes.get(0)).interaction();
    }

    /** OTLP/JSON as the spec writes it: proto3 JSON with hex ids. */
    static byte[] jsonBatch(ExportTraceServiceRequest request) {
        try {
            String json = JsonFormat.printer().print(request);
            for (var resource : request.getResourceSpansList()) {
                for (var scope : resource.getScopeSpansList()) {
                    for (Span span : scope.getSpansList()) {
                        json = json.replace(java.util.Base64.getEncoder().encodeToString(span.getTraceId().toByteArray()), Hex.of(span.getTraceId()))
                                .replace(java.util.Base64.getEncoder().encodeToString(span.getSpanId().toByteArray()), Hex.of(span.getSpanId()));
                    }
                }
            }
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
