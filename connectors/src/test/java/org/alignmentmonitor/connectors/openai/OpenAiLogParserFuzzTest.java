package org.alignmentmonitor.connectors.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.alignmentmonitor.connectors.LogLine;
import org.junit.jupiter.api.Timeout;

/**
 * Any log line becomes an Interaction or a rejection with a reason: the parser never throws, whatever
 * the bytes, so one bad line can never stop a replay. Without {@code JAZZER_FUZZ} this replays the
 * inputs under {@code src/test/resources/.../OpenAiLogParserFuzzTestInputs}.
 */
class OpenAiLogParserFuzzTest {

    private static final List<OpenAiLogParser> PARSERS = List.of(
            new OpenAiLogParser(ModelVersionRule.parse("model-string"), 4096, fixedClock()),
            new OpenAiLogParser(ModelVersionRule.parse("metadata:deployment"), 4096, fixedClock()));

    @FuzzTest(maxDuration = "5s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldAcceptOrRejectEveryLineWithoutThrowing(FuzzedDataProvider data) {
        OpenAiLogParser parser = data.pickValue(PARSERS);
        LogLine line = new LogLine("fuzz.jsonl", 1, data.consumeRemainingAsString());

        ParseResult result = parser.parse(line);

        if (result instanceof ParseResult.Rejected rejected) {
            assertThat(rejected.reason()).isNotBlank();
        } else {
            assertThat(((ParseResult.Accepted) result).interaction().getId()).isNotBlank();
        }
    }

    private static Clock fixedClock() {
        return Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    }
}
