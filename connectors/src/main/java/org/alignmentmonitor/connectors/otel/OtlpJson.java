package org.alignmentmonitor.connectors.otel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import org.alignmentmonitor.connectors.openai.InvalidRecordException;

/**
 * Decodes the OTLP/JSON encoding. It is the proto3 JSON mapping with one difference that matters:
 * trace and span ids are hex, not base64. A plain proto3 JSON parser would read a 32-character hex
 * trace id as 24 bytes of base64 without complaint, so ids are rewritten to base64 first.
 */
final class OtlpJson {

    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final String[] ID_FIELDS = {"traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id"};

    private OtlpJson() {
    }

    static ExportTraceServiceRequest parse(byte[] json) {
        JsonNode root;
        try {
            root = JsonValues.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new InvalidRecordException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRecordException("not a JSON object");
        }
        for (JsonNode resourceSpans : elements(root, "resourceSpans", "resource_spans")) {
            for (JsonNode scopeSpans : elements(resourceSpans, "scopeSpans", "scope_spans")) {
                for (JsonNode span : elements(scopeSpans, "spans", "spans")) {
                    rewriteIds(span);
                    for (JsonNode link : elements(span, "links", "links")) {
                        rewriteIds(link);
                    }
                }
            }
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        try {
            PARSER.merge(root.toString(), request);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new InvalidRecordException("not an OTLP ExportTraceServiceRequest: " + e.getMessage());
        }
        return request.build();
    }

    private static Iterable<JsonNode> elements(JsonNode parent, String camel, String snake) {
        if (!parent.isObject()) {
            return java.util.List.of();
        }
        JsonNode array = parent.has(camel) ? parent.get(camel) : parent.get(snake);
        return array != null && array.isArray() ? array : java.util.List.of();
    }

    private static void rewriteIds(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        for (String field : ID_FIELDS) {
            JsonNode id = object.get(field);
            if (id != null && id.isTextual()) {
                object.set(field, new TextNode(Base64.getEncoder().encodeToString(hex(id.textValue(), field))));
            }
        }
    }

    private static byte[] hex(String id, String field) {
        try {
            return HexFormat.of().parseHex(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(field + " '" + (id.length() > 40 ? id.substring(0, 40) + "..." : id) + "' is not hex");
        }
    }
}
