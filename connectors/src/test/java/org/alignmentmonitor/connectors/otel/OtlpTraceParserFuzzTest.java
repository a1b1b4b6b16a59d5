package org.alignmentmonitor.connectors.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.alignmentmonitor.connectors.ingest.ParseOutcome;
import org.alignmentmonitor.connectors.ingest.SourceLocation;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes, in either OTLP encoding, become outcomes with reasons: the parser never throws, so one bad
 * export can never stop a receiver or a raw-topic ingest. Without {@code JAZZER_FUZZ} this replays the
 * inputs under {@code src/test/resources/.../OtlpTraceParserFuzzTestInputs}.
 */
class OtlpTraceParserFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final List<OtlpTraceParser> PARSERS = List.of(
            new OtlpTraceParser(LogFormat.OTLP_PROTO, ModelVersionRule.defaultRule(), 1 << 16, CLOCK),
            new OtlpTraceParser(LogFormat.OTLP_JSON, ModelVersionRule.defaultRule(), 1 << 16, CLOCK),
            new OtlpTraceParser(LogFormat.OTLP_PROTO, ModelVersionRule.parse("metadata:service.version"), 1 << 16, CLOCK));

    @FuzzTest(maxDuration = "5s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldGiveAnOutcomeForEverySpanWithoutThrowing(FuzzedDataProvider data) {
        OtlpTraceParser parser = data.pickValue(PARSERS);
        byte[] raw = data.consumeRemainingAsBytes();

        List<ParseOutcome> outcomes = parser.parse(raw, new SourceLocation.HttpRequest("fuzz", 0));

        for (ParseOutcome outcome : outcomes) {
            if (outcome instanceof ParseOutcome.Rejected rejected) {
                assertThat(rejected.reason()).isNotBlank();
            } else if (outcome instanceof ParseOutcome.Accepted accepted) {
                assertThat(accepted.interaction().getId()).startsWith("otel:");
            }
        }
    }
}
