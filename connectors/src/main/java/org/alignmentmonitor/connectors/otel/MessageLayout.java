package org.alignmentmonitor.connectors.otel;

import io.opentelemetry.proto.trace.v1.Span;

/** One way instrumentations record the prompt and the answer on a span. */
interface MessageLayout {

    /**
     * @return the exchange, or null when the span does not use this layout
     * @throws org.alignmentmonitor.connectors.openai.InvalidRecordException when it does, but badly
     */
    Exchange read(Span span, SpanAttributes attributes);
}
