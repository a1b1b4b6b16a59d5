package org.alignmentmonitor.monitor.otlp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.alignmentmonitor.connectors.ingest.LogFormat;

/**
 * Reads an OTLP/HTTP request body: the encoding from {@code Content-Type}, then gzip undone within the
 * size limit (a small compressed body must not expand without bound).
 */
final class OtlpRequestBody {

    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";

    private OtlpRequestBody() {
    }

    /** @throws OtlpHttpException 415 for any other media type */
    static LogFormat format(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case PROTOBUF -> LogFormat.OTLP_PROTO;
            case JSON -> LogFormat.OTLP_JSON;
            default -> throw new OtlpHttpException(415, "Content-Type must be " + PROTOBUF + " or " + JSON + ", got '" + type + "'");
        };
    }

    /** @throws OtlpHttpException 415 for an unknown encoding, 400 for bad gzip, 413 past {@code maxBytes} */
    static byte[] decode(byte[] body, String contentEncoding, int maxBytes) {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return body;
        }
        if (!encoding.equals("gzip")) {
            throw new OtlpHttpException(415, "Content-Encoding must be gzip or none, got '" + encoding + "'");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] inflated = in.readNBytes(maxBytes + 1);
            if (inflated.length > maxBytes) {
                throw new OtlpHttpException(413, "body larger than " + maxBytes + " bytes once decompressed");
            }
            return inflated;
        } catch (IOException e) {
            throw new OtlpHttpException(400, "body is not valid gzip: " + e.getMessage());
        }
    }
}
