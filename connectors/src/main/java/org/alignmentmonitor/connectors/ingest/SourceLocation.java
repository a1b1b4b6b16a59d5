package org.alignmentmonitor.connectors.ingest;

import java.util.Objects;

/**
 * Where a raw record came from, whatever the transport: the address that rejections, dead-letter
 * records and an Interaction's {@code source} metadata carry, so a reviewer can find the original.
 */
public sealed interface SourceLocation {

    /** A short, stable address such as {@code file.jsonl:12} or {@code topic-0@42}. */
    String describe();

    record FileLine(String file, long line) implements SourceLocation {
        public FileLine {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String describe() {
            return file + ":" + line;
        }
    }

    record TopicOffset(String topic, int partition, long offset) implements SourceLocation {
        public TopicOffset {
            Objects.requireNonNull(topic, "topic");
        }

        @Override
        public String describe() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    /** @param index 0-based position of the record within the request body (array element or NDJSON line) */
    record HttpRequest(String requestId, int index) implements SourceLocation {
        public HttpRequest {
            Objects.requireNonNull(requestId, "requestId");
        }

        @Override
        public String describe() {
            return "http:" + requestId + "#" + index;
        }
    }

    /** A span inside a batch: the batch's own location plus the span's trace and span ids (hex). */
    record Span(SourceLocation batch, String traceId, String spanId) implements SourceLocation {
        public Span {
            Objects.requireNonNull(batch, "batch");
            Objects.requireNonNull(traceId, "traceId");
            Objects.requireNonNull(spanId, "spanId");
        }

        @Override
        public String describe() {
            return batch.describe() + "/span:" + traceId + ":" + spanId;
        }
    }
}
