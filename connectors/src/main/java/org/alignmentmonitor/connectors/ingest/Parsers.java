package org.alignmentmonitor.connectors.ingest;

import org.alignmentmonitor.connectors.anthropic.AnthropicMessagesParser;
import org.alignmentmonitor.connectors.openai.OpenAiLogParser;
import org.alignmentmonitor.connectors.openai.OpenAiResponsesParser;
import org.alignmentmonitor.connectors.otel.OtlpTraceParser;

/** The one place that maps a {@link LogFormat} to its parser, for every ingest path. */
public final class Parsers {

    private Parsers() {
    }

    public static RecordParser of(LogFormat format, ParserSettings settings) {
        return switch (format) {
            case OPENAI_CHAT -> new OpenAiLogParser(settings);
            case OPENAI_RESPONSES -> new OpenAiResponsesParser(settings);
            case ANTHROPIC_MESSAGES -> new AnthropicMessagesParser(settings);
            case OTLP_JSON, OTLP_PROTO -> new OtlpTraceParser(format, settings.versionRule(), settings.maxRecordBytes(), settings.clock());
        };
    }
}
