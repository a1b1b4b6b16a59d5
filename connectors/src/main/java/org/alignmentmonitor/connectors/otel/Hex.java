package org.alignmentmonitor.connectors.otel;

import com.google.protobuf.ByteString;
import java.util.HexFormat;

/** Trace and span ids as the lowercase hex that OTLP/JSON, the W3C header and every UI show. */
final class Hex {

    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    static String of(ByteString id) {
        return HEX.formatHex(id.toByteArray());
    }
}
