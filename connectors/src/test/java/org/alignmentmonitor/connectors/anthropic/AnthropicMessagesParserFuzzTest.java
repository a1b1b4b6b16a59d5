package org.alignmentmonitor.connectors.anthropic;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.alignmentmonitor.connectors.ingest.ParseOutcomes;
import org.alignmentmonitor.connectors.ingest.ParserSettings;
import org.alignmentmonitor.connectors.ingest.SourceLocation;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes become one Interaction or one rejection with a reason: the parser never throws, so one
 * bad record can never stop a source. Without {@code JAZZER_FUZZ} this replays the committed inputs.
 */
class AnthropicMessagesParserFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final List<AnthropicMessagesParser> PARSERS = List.of(
            new AnthropicMessagesParser(new ParserSettings(ModelVersionRule.defaultRule(), 4096, CLOCK)),
            new AnthropicMessagesParser(new ParserSettings(ModelVersionRule.parse("regex:(?<model>.+)-(?<version>\\d+)"), 4096, CLOCK)));

    @FuzzTest(maxDuration = "5s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldAcceptOrRejectEveryRecordWithoutThrowing(FuzzedDataProvider data) {
        AnthropicMessagesParser parser = data.pickValue(PARSERS);
        SourceLocation where = new SourceLocation.TopicOffset("fuzz", 0, 1);

        ParseOutcomes.assertOneInteractionOrReason(parser.parse(data.consumeRemainingAsBytes(), where));
    }
}
