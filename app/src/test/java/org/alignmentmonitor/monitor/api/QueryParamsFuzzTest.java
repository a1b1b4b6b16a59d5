package org.alignmentmonitor.monitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Every query parameter parser of the HTTP API, on any value: a parsed value within its documented
 * range, or {@link BadRequestException} (a 400), never another exception (a 500) nor a hang.
 * Without {@code JAZZER_FUZZ} this replays the inputs under {@code src/test/resources/.../QueryParamsFuzzTestInputs}.
 */
class QueryParamsFuzzTest {

    @FuzzTest(maxDuration = "5s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldParseOrAnswerBadRequestWhenGivenAnyValue(FuzzedDataProvider data) {
        int parser = data.consumeInt(0, 3);
        String value = data.consumeBoolean() ? null : data.consumeRemainingAsString();
        try {
            switch (parser) {
                case 0 -> assertThat(QueryParams.requiredName("model", value)).isEqualTo(value);
                case 1 -> QueryParams.instant("from", value, 0L);
                case 2 -> assertThat(QueryParams.alpha(value)).isGreaterThan(0.0).isLessThanOrEqualTo(0.5);
                default -> QueryParams.flag("local", value);
            }
        } catch (BadRequestException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
