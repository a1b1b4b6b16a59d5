package org.alignmentmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.avro.AlertState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 24 h of simulated traffic, one observation a minute over a sliding 1 h window with 6,000
 * interactions an hour: the situation the confidence sequence exists for, since a fixed-n interval
 * checked 1,440 times a day would sooner or later cross a threshold the true rate sits just below.
 */
class ThresholdSimulationTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final int DAY_IN_MINUTES = 24 * 60;
    private static final AlertEngine ENGINE = new AlertEngine(RuleFile.parse("""
            version: sim
            rules:
              - id: two-percent
                kind: threshold
                series: flagged
                window: 1h
                threshold: 0.02
                minInteractions: 1000
                sustainedFor: 5m
            """));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldNeverPageWhenTheTrueRateStaysAt1point9PercentForADay(long seed) {
        List<Alert> events = run(new SimulatedVersion("assistant", "v1", 100, MINUTE, Duration.ofHours(1),
                t -> 0.019, seed), DAY_IN_MINUTES);

        assertThat(events).isEmpty();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldPageOnceWithin30MinutesWhenTheRateJumpsTo6Percent(long seed) {
        Duration jump = Duration.ofHours(12);
        List<Alert> events = run(new SimulatedVersion("assistant", "v1", 100, MINUTE, Duration.ofHours(1),
                t -> t < jump.toMillis() ? 0.019 : 0.06, seed), DAY_IN_MINUTES);

        assertThat(events).hasSize(1);
        Alert page = events.get(0);
        assertThat(page.getState()).isEqualTo(AlertState.FIRING);
        assertThat(page.getAt()).isAfter(START.plus(jump)).isBefore(START.plus(jump).plus(Duration.ofMinutes(30)));
        assertThat(page.getLower()).isGreaterThan(0.02);
    }

    private static List<Alert> run(SimulatedVersion traffic, int minutes) {
        LifecycleState state = LifecycleState.EMPTY;
        List<Alert> events = new ArrayList<>();
        for (int minute = 0; minute < minutes; minute++) {
            Evaluation evaluation = ENGINE.evaluate(state, traffic.advance(START, minute));
            state = evaluation.state();
            events.addAll(evaluation.events());
        }
        return events;
    }
}
