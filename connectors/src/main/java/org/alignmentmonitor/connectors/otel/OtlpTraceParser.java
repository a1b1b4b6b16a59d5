package org.alignmentmonitor.connectors.otel;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.alignmentmonitor.connectors.ingest.ParseOutcome;
import org.alignmentmonitor.connectors.ingest.RecordParser;
import org.alignmentmonitor.connectors.ingest.SourceLocation;
import org.alignmentmonitor.connectors.openai.InvalidRecordException;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;

/**
 * Reads one OTLP trace export ({@code ExportTraceServiceRequest}, protobuf or JSON, as an OTLP/HTTP
 * body or a record of the Collector's Kafka exporter) into one outcome per span: GenAI inference spans
 * become Interactions whose id is derived from trace and span id, so a span delivered twice counts
 * once; other spans are ignored. A batch that cannot be decoded gives one rejection for the batch.
 */
public final class OtlpTraceParser implements RecordParser {

    private final LogFormat format;
    private final int maxBatchBytes;
    private final GenAiSpans spans;

    /** @param format {@link LogFormat#OTLP_PROTO} or {@link LogFormat#OTLP_JSON} */
    public OtlpTraceParser(LogFormat format, ModelVersionRule versionRule, int maxBatchBytes, Clock clock) {
        if (format != LogFormat.OTLP_PROTO && format != LogFormat.OTLP_JSON) {
            throw new IllegalArgumentException("not an OTLP format: " + format.id());
        }
        if (maxBatchBytes < 1) {
            throw new IllegalArgumentException("maxBatchBytes must be positive: " + maxBatchBytes);
        }
        this.format = format;
        this.maxBatchBytes = maxBatchBytes;
        this.spans = new GenAiSpans(versionRule, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public LogFormat format() {
        return format;
    }

    @Override
    public List<ParseOutcome> parse(byte[] raw, SourceLocation where) {
        ExportTraceServiceRequest request;
        try {
            request = decode(raw);
        } catch (InvalidRecordException e) {
            return List.of(new ParseOutcome.Rejected(e.getMessage(), where));
        }
        return read(request, where);
    }

    /**
     * Decodes without reading spans, for callers that answer a bad payload as a whole (OTLP/HTTP 400).
     *
     * @throws InvalidRecordException with the reason
     */
    public ExportTraceServiceRequest decode(byte[] raw) {
        if (raw.length > maxBatchBytes) {
            throw new InvalidRecordException("batch larger than " + maxBatchBytes + " bytes");
        }
        if (format == LogFormat.OTLP_JSON) {
            return OtlpJson.parse(raw);
        }
        try {
            return ExportTraceServiceRequest.parseFrom(raw);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidRecordException("not an OTLP protobuf ExportTraceServiceRequest: " + e.getMessage());
        }
    }

    /** One outcome per span of an already decoded request, in order. */
    public List<ParseOutcome> read(ExportTraceServiceRequest request, SourceLocation where) {
        List<ParseOutcome> outcomes = new ArrayList<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            SpanAttributes resource = SpanAttributes.of(resourceSpans.getResource().getAttributesList());
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    outcomes.add(spans.read(span, resource, where));
                }
            }
        }
        return outcomes;
    }
}
