package org.alignmentmonitor.monitor.otlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.alignmentmonitor.connectors.ingest.LogFormat;

/**
 * Response bodies in the encoding of the request, as the OTLP/HTTP specification asks: an
 * {@code ExportTraceServiceResponse} on success (with {@code partial_success} when spans were
 * rejected) and a {@code google.rpc.Status} on failure.
 */
final class OtlpResponses {

    /** gRPC status codes carried in {@code google.rpc.Status.code}. */
    private static final Map<Integer, Integer> RPC_CODES = Map.of(
            400, 3, 401, 16, 413, 3, 415, 3, 429, 8, 503, 14, 500, 13);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OtlpResponses() {
    }

    static byte[] success(LogFormat format, long rejectedSpans, String errorMessage) {
        ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
        if (rejectedSpans > 0) {
            response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(rejectedSpans).setErrorMessage(errorMessage));
        }
        return encode(format, response.build());
    }

    /** {@code google.rpc.Status}, written by hand: its two fields do not justify another dependency. */
    static byte[] status(LogFormat format, int httpStatus, String message) {
        int code = RPC_CODES.getOrDefault(httpStatus, 2);
        if (format == LogFormat.OTLP_JSON) {
            try {
                return MAPPER.writeValueAsBytes(Map.of("code", code, "message", message));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeInt32(1, code);
            out.writeString(2, message);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(LogFormat format) {
        return format == LogFormat.OTLP_JSON ? OtlpRequestBody.JSON : OtlpRequestBody.PROTOBUF;
    }

    private static byte[] encode(LogFormat format, Message message) {
        if (format == LogFormat.OTLP_PROTO) {
            return message.toByteArray();
        }
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print an OTLP response as JSON", e);
        }
    }

}
