package org.alignmentmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.avro.AlertState;
import org.junit.jupiter.api.Test;

/**
 * The bundled demo rules against the demo's traffic (SyntheticConfig.defaults at the default 200
 * interactions a second, weights 3:3:3:1), taking the flagged share to be the true failure rate:
 * run over the generator's traffic, the default classifier suite flags 1.0%, 3.0%, 0.6% rising to
 * 8.0%, and 2.0% (measured once by hand, 200,000 interactions), i.e. what it injects.
 */
class DemoRulesTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration TICK = Duration.ofSeconds(5);
    private static final long REGRESSION_MILLIS = 90_000;

    @Test
    void shouldPageExactlyOnceForTheRegressedVersionWithinTwoMinutesWhenTheDemoRuns() throws IOException {
        RuleFile rules = demoRules();
        Duration window = rules.rules().get(0).window();
        Map<String, SimulatedVersion> traffic = new LinkedHashMap<>();
        traffic.put("v1", new SimulatedVersion("assistant", "v1", 300, TICK, window, t -> 0.010, 1));
        traffic.put("v2", new SimulatedVersion("assistant", "v2", 300, TICK, window, t -> 0.030, 2));
        traffic.put("v3", new SimulatedVersion("assistant", "v3", 300, TICK, window,
                t -> t < REGRESSION_MILLIS ? 0.005 : 0.080, 3));
        traffic.put("2024-06", new SimulatedVersion("coder", "2024-06", 100, TICK, window, t -> 0.020, 4));

        AlertEngine engine = new AlertEngine(rules);
        LifecycleState state = LifecycleState.EMPTY;
        List<Alert> events = new ArrayList<>();
        for (int tick = 0; tick < 10 * 12; tick++) {
            for (SimulatedVersion version : traffic.values()) {
                Evaluation evaluation = engine.evaluate(state, version.advance(START, tick));
                state = evaluation.state();
                events.addAll(evaluation.events());
            }
        }

        assertThat(events).singleElement().satisfies(alert -> {
            assertThat(alert.getState()).isEqualTo(AlertState.FIRING);
            assertThat(alert.getModel() + ":" + alert.getVersion()).isEqualTo("assistant:v3");
            assertThat(alert.getAt()).isBefore(START.plusMillis(REGRESSION_MILLIS).plus(Duration.ofMinutes(2)));
        });
    }

    static RuleFile demoRules() throws IOException {
        try (InputStream in = DemoRulesTest.class.getResourceAsStream("/alert-rules/demo.yaml")) {
            return RuleFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
