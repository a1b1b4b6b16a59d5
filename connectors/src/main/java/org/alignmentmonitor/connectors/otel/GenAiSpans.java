package org.alignmentmonitor.connectors.otel;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.SamplingParams;
import org.alignmentmonitor.connectors.ingest.ParseOutcome;
import org.alignmentmonitor.connectors.ingest.SourceLocation;
import org.alignmentmonitor.connectors.openai.InvalidRecordException;
import org.alignmentmonitor.connectors.openai.ModelVersion;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.alignmentmonitor.connectors.openai.OpenAiLogParser;

/**
 * Decides what one span is (an LLM inference to monitor, another span to ignore, or an inference
 * that cannot be read) and turns inferences into Interactions. Thread-safe.
 */
final class GenAiSpans {

    /** Metadata keys of span-sourced Interactions. */
    static final String META_TRACE_ID = "otel.trace_id";
    static final String META_SPAN_ID = "otel.span_id";
    static final String META_SERVICE = "service.name";
    static final String META_CONVERSATION = "conversation_id";
    static final String META_PROVIDER = "provider";
    static final String ID_PREFIX = "otel:";

    /** Operations that produce a completion; agents, tools and embeddings are other spans. */
    private static final Set<String> INFERENCE_OPERATIONS = Set.of("chat", "text_completion", "generate_content", "completion");
    private static final List<MessageLayout> LAYOUTS = List.of(
            new CurrentGenAiLayout(), new LegacyGenAiLayout(), new OpenInferenceLayout());

    private final ModelVersionRule versionRule;
    private final Clock clock;

    GenAiSpans(ModelVersionRule versionRule, Clock clock) {
        this.versionRule = Objects.requireNonNull(versionRule, "versionRule");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    ParseOutcome read(Span span, SpanAttributes resource, SourceLocation batch) {
        String traceId = Hex.of(span.getTraceId());
        String spanId = Hex.of(span.getSpanId());
        SourceLocation.Span where = new SourceLocation.Span(batch, traceId, spanId);
        try {
            SpanAttributes attributes = SpanAttributes.of(span.getAttributesList());
            String notInference = notInference(attributes);
            if (notInference != null) {
                return new ParseOutcome.Ignored(notInference, where);
            }
            Exchange exchange = exchange(span, attributes);
            if (exchange == null) {
                return looksLikeInference(attributes)
                        ? new ParseOutcome.Rejected("GenAI inference span without its prompt and completion "
                                + "(turn on message content capture in the instrumentation)", where)
                        : new ParseOutcome.Ignored("not a GenAI span", where);
            }
            if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR && exchange.completion().isEmpty()) {
                return new ParseOutcome.Ignored("failed inference: no answer to judge", where);
            }
            if (span.getTraceId().size() != 16 || span.getSpanId().size() != 8) {
                throw new InvalidRecordException("trace id must be 16 bytes and span id 8 bytes");
            }
            return new ParseOutcome.Accepted(interaction(span, attributes, resource, exchange, where), where);
        } catch (InvalidRecordException e) {
            return new ParseOutcome.Rejected(e.getMessage(), where);
        }
    }

    private static String notInference(SpanAttributes attributes) {
        String operation = lenientString(attributes, "gen_ai.operation.name");
        if (operation != null && !INFERENCE_OPERATIONS.contains(operation)) {
            return "gen_ai.operation.name '" + operation + "' is not an inference";
        }
        String kind = lenientString(attributes, "openinference.span.kind");
        if (kind != null && !kind.equalsIgnoreCase("LLM")) {
            return "OpenInference span kind '" + kind + "' is not LLM";
        }
        return null;
    }

    private static Exchange exchange(Span span, SpanAttributes attributes) {
        for (MessageLayout layout : LAYOUTS) {
            Exchange exchange = layout.read(span, attributes);
            if (exchange != null) {
                return exchange;
            }
        }
        return null;
    }

    private static boolean looksLikeInference(SpanAttributes attributes) {
        return attributes.has("gen_ai.operation.name") || attributes.has("gen_ai.request.model")
                || attributes.has("llm.model_name") || attributes.has("openinference.span.kind");
    }

    private Interaction interaction(Span span, SpanAttributes attributes, SpanAttributes resource, Exchange exchange,
                                    SourceLocation.Span where) {
        Map<String, String> ruleInputs = new HashMap<>(resource.scalars());
        ruleInputs.putAll(attributes.scalars());
        ModelVersion modelVersion = versionRule.derive(modelString(attributes), ruleInputs);

        Map<String, String> metadata = new HashMap<>();
        metadata.put(OpenAiLogParser.META_SOURCE, where.describe());
        metadata.put(META_TRACE_ID, where.traceId());
        metadata.put(META_SPAN_ID, where.spanId());
        putIfPresent(metadata, META_SERVICE, ruleInputs.get("service.name"));
        putIfPresent(metadata, META_CONVERSATION, first(ruleInputs, "gen_ai.conversation.id", "session.id"));
        putIfPresent(metadata, META_PROVIDER, first(ruleInputs, "gen_ai.provider.name", "gen_ai.system", "llm.provider"));
        if (exchange.toolCalls() > 0) {
            metadata.put(OpenAiLogParser.META_TOOL_CALLS, Integer.toString(exchange.toolCalls()));
        }
        return Interaction.newBuilder()
                .setId(ID_PREFIX + where.traceId() + ":" + where.spanId())
                .setEventTime(eventTime(span, metadata))
                .setModel(modelVersion.model())
                .setVersion(modelVersion.version())
                .setDeployment(first(ruleInputs, "deployment.environment.name", "deployment.environment"))
                .setConversation(exchange.conversation())
                .setCompletion(exchange.completion())
                .setFinishReason(exchange.finishReason())
                .setSampling(sampling(attributes))
                .setMetadata(metadata)
                .build();
    }

    private static String modelString(SpanAttributes attributes) {
        for (String key : new String[] {"gen_ai.request.model", "gen_ai.response.model", "llm.model_name"}) {
            String model = attributes.string(key);
            if (model != null && !model.isEmpty()) {
                return model;
            }
        }
        throw new InvalidRecordException("missing gen_ai.request.model, gen_ai.response.model and llm.model_name");
    }

    /** The end of the span: when the answer was complete. The start, then the ingest time, stand in. */
    private Instant eventTime(Span span, Map<String, String> metadata) {
        long nanos = span.getEndTimeUnixNano() != 0 ? span.getEndTimeUnixNano() : span.getStartTimeUnixNano();
        if (nanos == 0) {
            metadata.put(OpenAiLogParser.META_EVENT_TIME_SOURCE, "ingest");
            return clock.instant();
        }
        // fixed64 holds unsigned nanoseconds; anything past 2262 reads negative and is not a real time.
        if (nanos < 0) {
            throw new InvalidRecordException("span time " + Long.toUnsignedString(nanos) + " ns is out of range");
        }
        return Instant.ofEpochMilli(nanos / 1_000_000);
    }

    private static SamplingParams sampling(SpanAttributes attributes) {
        Double temperature = attributes.number("gen_ai.request.temperature");
        Double topP = attributes.number("gen_ai.request.top_p");
        Long maxTokens = attributes.integer("gen_ai.request.max_tokens");
        Long seed = attributes.integer("gen_ai.request.seed");
        if (temperature == null && topP == null && maxTokens == null && seed == null) {
            return null;
        }
        if (maxTokens != null && (maxTokens < 0 || maxTokens > Integer.MAX_VALUE)) {
            throw new InvalidRecordException("gen_ai.request.max_tokens " + maxTokens + " is out of range");
        }
        return new SamplingParams(temperature, topP, maxTokens == null ? null : maxTokens.intValue(), seed);
    }

    private static String first(Map<String, String> values, String... keys) {
        for (String key : keys) {
            String value = values.get(key);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    private static void putIfPresent(Map<String, String> metadata, String key, String value) {
        if (value != null) {
            metadata.put(key, value);
        }
    }

    /** A string attribute, or null for any other type: deciding to ignore a span must not fail it. */
    private static String lenientString(SpanAttributes attributes, String key) {
        var raw = attributes.raw(key);
        return raw != null && raw.hasStringValue() ? raw.getStringValue() : null;
    }
}
