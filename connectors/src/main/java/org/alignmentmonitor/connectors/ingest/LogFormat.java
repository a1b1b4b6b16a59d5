package org.alignmentmonitor.connectors.ingest;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The record formats the monitor reads, by the name used in configuration and on the command line. */
public enum LogFormat {
    /** OpenAI chat-completions {@code {"request", "response", "metadata"}} log lines (the default). */
    OPENAI_CHAT("openai-chat"),
    /** OpenAI Responses API request/response log records. */
    OPENAI_RESPONSES("openai-responses"),
    /** Anthropic Messages API request/response log records. */
    ANTHROPIC_MESSAGES("anthropic-messages"),
    /** OTLP traces, JSON encoding: OTel GenAI spans (current and older layouts) or OpenInference spans. */
    OTLP_JSON("otlp-json"),
    /** OTLP traces, protobuf encoding, as the OpenTelemetry Collector's Kafka exporter writes them. */
    OTLP_PROTO("otlp-proto");

    private final String id;

    LogFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the accepted ids */
    public static LogFormat fromId(String id) {
        for (LogFormat format : values()) {
            if (format.id.equals(id)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown log format '" + id + "': expected one of "
                + Arrays.stream(values()).map(LogFormat::id).collect(Collectors.joining(", ")));
    }
}
