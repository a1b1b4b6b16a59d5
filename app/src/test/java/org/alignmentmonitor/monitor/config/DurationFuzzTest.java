package org.alignmentmonitor.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Durations of settings and command options (--duration, --timeout, monitor.*.interval), on any
 * text: a positive duration or {@link IllegalArgumentException} naming the value, never another
 * exception nor a hang. Without {@code JAZZER_FUZZ} this replays the inputs under
 * {@code src/test/resources/.../DurationFuzzTestInputs}.
 */
class DurationFuzzTest {

    @FuzzTest(maxDuration = "5s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldParseOrRejectWithIllegalArgumentWhenGivenAnyText(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            Duration duration = ConfigLoader.parseDuration(text);
            assertThat(duration).isPositive();
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
