package org.alignmentmonitor.connectors.otel;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HexFormat;
import java.util.List;

/** Builds OTLP spans and batches for tests. */
final class OtlpSpans {

    static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
    static final String SPAN_ID = "eee19b7ec3c1b174";
    static final long END_NANOS = 1_700_000_000_123_000_000L;

    private OtlpSpans() {
    }

    static Span.Builder span(String name, KeyValue... attributes) {
        return Span.newBuilder()
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE_ID)))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(SPAN_ID)))
                .setName(name)
                .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setStartTimeUnixNano(END_NANOS - 1_000_000_000L)
                .setEndTimeUnixNano(END_NANOS)
                .addAllAttributes(List.of(attributes));
    }

    static Span.Event event(String name, KeyValue... attributes) {
        return Span.Event.newBuilder().setName(name).setTimeUnixNano(END_NANOS).addAllAttributes(List.of(attributes)).build();
    }

    static ExportTraceServiceRequest batch(List<KeyValue> resource, Span... spans) {
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAllAttributes(resource))
                        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
                .build();
    }

    static ExportTraceServiceRequest batch(Span... spans) {
        return batch(List.of(attr("service.name", "chat-gateway")), spans);
    }

    static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(string(value)).build();
    }

    static KeyValue attr(String key, double value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setDoubleValue(value)).build();
    }

    static KeyValue attr(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    static KeyValue attr(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    static KeyValue strings(String key, String... values) {
        ArrayValue.Builder array = ArrayValue.newBuilder();
        for (String value : values) {
            array.addValues(string(value));
        }
        return attr(key, AnyValue.newBuilder().setArrayValue(array).build());
    }

    static AnyValue string(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    static AnyValue array(AnyValue... values) {
        return AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addAllValues(List.of(values))).build();
    }

    static AnyValue map(KeyValue... entries) {
        return AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addAllValues(List.of(entries))).build();
    }
}
