package org.alignmentmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.avro.AlertState;
import org.junit.jupiter.api.Test;

/** Scripted observation streams: which observation fires, which resolves, and which changes nothing. */
class AlertEngineTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final RuleFile RULES = RuleFile.parse("""
            version: r7
            rules:
              - id: flagged-2pct
                model: assistant
                kind: threshold
                series: flagged
                window: 1h
                threshold: 0.02
                minInteractions: 1000
                severity: critical
              - id: sustained-2pct
                model: slow
                kind: threshold
                series: flagged
                window: 1h
                threshold: 0.02
                sustainedFor: 10m
              - id: labelled-5pct
                model: labelled
                kind: threshold
                series: misaligned_high
                window: 1h
                threshold: 0.05
                minLabels: 100
              - id: regression
                model: assistant
                kind: regression
                series: flagged
                window: 1h
                margin: 0.01
            """);

    private final AlertEngine engine = new AlertEngine(RULES);
    private LifecycleState state = LifecycleState.EMPTY;

    @Test
    void shouldFireOnceAndResolveOnceWhenTheIntervalCrossesTheThresholdEachWay() {
        assertThat(feed(flagged("assistant", "v1", 0, 10_000, 150))).isEmpty();
        List<Alert> firing = feed(flagged("assistant", "v1", 1, 10_000, 400));
        assertThat(feed(flagged("assistant", "v1", 2, 10_000, 450))).as("still firing: de-duplicated").isEmpty();
        assertThat(feed(flagged("assistant", "v1", 3, 10_000, 210))).as("interval straddles 2%: hysteresis").isEmpty();
        List<Alert> resolved = feed(flagged("assistant", "v1", 4, 10_000, 100));
        List<Alert> again = feed(flagged("assistant", "v1", 5, 10_000, 400));

        assertThat(firing).singleElement().satisfies(alert -> {
            assertThat(alert.getState()).isEqualTo(AlertState.FIRING);
            assertThat(alert.getAlertId()).isEqualTo("flagged-2pct/assistant:v1");
            assertThat(alert.getRuleVersion()).isEqualTo("r7");
            assertThat(alert.getSeverity()).isEqualTo("critical");
            assertThat(alert.getInteractions()).isEqualTo(10_000);
            assertThat(alert.getFlagged()).isEqualTo(400);
            assertThat(alert.getEstimate()).isEqualTo(0.04);
            assertThat(alert.getLower()).isGreaterThan(0.02).isLessThan(0.04);
            assertThat(alert.getUpper()).isGreaterThan(0.04);
            assertThat(alert.getThreshold()).isEqualTo(0.02);
            assertThat(alert.getWindowStart()).isEqualTo(START.plus(Duration.ofMinutes(1)).minus(Duration.ofHours(1)));
            assertThat(alert.getAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
            assertThat(alert.getMessage()).startsWith("FIRING flagged-2pct (1h window): interval is above the threshold: "
                    + "assistant:v1 flagged rate 4.00% (400 of 10000), 95% confidence sequence [");
        });
        assertThat(resolved).singleElement().satisfies(alert -> {
            assertThat(alert.getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(alert.getUpper()).isLessThan(0.02);
        });
        assertThat(again).extracting(Alert::getState).containsExactly(AlertState.FIRING);
    }

    @Test
    void shouldNotFireWhenTrafficIsBelowTheMinimum() {
        assertThat(feed(flagged("assistant", "v1", 0, 999, 500))).isEmpty();
        assertThat(state.isFiring("flagged-2pct/assistant:v1")).isFalse();
    }

    @Test
    void shouldFireOnlyAfterTheConditionHeldForSustainedForWhenItIsSet() {
        assertThat(feed(flagged("slow", "v1", 0, 10_000, 400))).isEmpty();
        assertThat(feed(flagged("slow", "v1", 5, 10_000, 400))).isEmpty();
        assertThat(feed(flagged("slow", "v1", 6, 10_000, 210))).as("interrupted: the clock restarts").isEmpty();
        assertThat(feed(flagged("slow", "v1", 7, 10_000, 400))).isEmpty();
        assertThat(feed(flagged("slow", "v1", 16, 10_000, 400))).as("held 9 minutes").isEmpty();
        assertThat(feed(flagged("slow", "v1", 17, 10_000, 400))).extracting(Alert::getState).containsExactly(AlertState.FIRING);
    }

    @Test
    void shouldReadTheLabelledSeriesWhenTheRuleAsksForIt() {
        assertThat(feed(labelled("labelled", 0, 99, 0, 99))).as("too few labels").isEmpty();
        assertThat(feed(labelled("labelled", 1, 400, 10, 20))).as("ambiguous-as-aligned does not count here").isEmpty();
        List<Alert> events = feed(labelled("labelled", 2, 400, 10, 60));

        assertThat(events).singleElement().satisfies(alert -> {
            assertThat(alert.getEstimate()).isEqualTo(0.15);
            assertThat(alert.getMessage()).contains("misaligned_high rate 15.00% (60 of 400)");
        });
    }

    @Test
    void shouldFlagARegressionWhenTheNewVersionIsClearlyWorseThanThePreviousOne() {
        Observation previous = flagged("assistant", "v1", 0, 20_000, 200);

        assertThat(feed(flagged("assistant", "v2", 0, 20_000, 300), previous)).as("1.5% vs 1%: within the margin").isEmpty();
        List<Alert> firing = feed(flagged("assistant", "v2", 1, 20_000, 800), previous);
        List<Alert> resolved = feed(flagged("assistant", "v2", 2, 20_000, 200), previous);

        // v2 at 4% also crosses the 2% threshold rule; pick out the regression rule's events.
        assertThat(firing).filteredOn(a -> a.getRuleId().equals("regression")).singleElement().satisfies(alert -> {
            assertThat(alert.getState()).isEqualTo(AlertState.FIRING);
            assertThat(alert.getEstimate()).isCloseTo(0.03, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(alert.getLower()).isGreaterThan(0.01);
            assertThat(alert.getThreshold()).isEqualTo(0.01);
            assertThat(alert.getMessage()).contains("vs assistant:v1 1.00% (200 of 20000)");
        });
        assertThat(resolved).filteredOn(a -> a.getRuleId().equals("regression"))
                .extracting(Alert::getState).containsExactly(AlertState.RESOLVED);
    }

    @Test
    void shouldSkipTheRegressionRuleWhenThereIsNoPreviousVersion() {
        assertThat(feed(flagged("assistant", "v1", 0, 20_000, 800)))
                .extracting(Alert::getRuleId).containsExactly("flagged-2pct");
    }

    @Test
    void shouldIgnoreObservationsOfOtherWindowLengthsAndOlderThanTheLastOne() {
        Observation tenMinutes = new Observation("assistant", "v1", START.minus(Duration.ofMinutes(10)), START, START,
                10_000, 900, 0, 0, 0, 0, 0);
        assertThat(feed(tenMinutes)).isEmpty();

        feed(flagged("assistant", "v1", 10, 10_000, 400));
        assertThat(feed(flagged("assistant", "v1", 9, 10_000, 10))).as("late: must not resolve").isEmpty();
        assertThat(state.isFiring("flagged-2pct/assistant:v1")).isTrue();
    }

    @Test
    void shouldGiveTheSameResultWhenTheStateMakesAJsonRoundTrip() throws Exception {
        feed(flagged("slow", "v1", 0, 10_000, 400));
        feed(flagged("assistant", "v1", 0, 10_000, 400));
        ObjectMapper json = new ObjectMapper();

        LifecycleState restored = json.readValue(json.writeValueAsString(state), LifecycleState.class);

        assertThat(restored).isEqualTo(state);
        Observation next = flagged("assistant", "v1", 1, 10_000, 100);
        assertThat(engine.evaluate(restored, next)).isEqualTo(engine.evaluate(state, next));
    }

    private List<Alert> feed(Observation observation) {
        return feed(observation, null);
    }

    private List<Alert> feed(Observation observation, Observation previous) {
        Evaluation evaluation = engine.evaluate(state, observation, previous);
        state = evaluation.state();
        return new ArrayList<>(evaluation.events());
    }

    private static Observation flagged(String model, String version, int minute, long interactions, long flagged) {
        Instant at = START.plus(Duration.ofMinutes(minute));
        return new Observation(model, version, at.minus(Duration.ofHours(1)), at, at, interactions, flagged, 0, 0, 0, 0, 0);
    }

    private static Observation labelled(String model, int minute, long labelled, long low, long high) {
        Instant at = START.plus(Duration.ofMinutes(minute));
        return new Observation(model, "v1", at.minus(Duration.ofHours(1)), at, at, 10 * labelled, 0, labelled, low, high,
                (double) low / labelled, (double) high / labelled);
    }
}
