package org.alignmentmonitor.estimators.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.alignmentmonitor.estimators.Interval;
import org.junit.jupiter.api.Test;

class ProcessScorecardTest {

    private static final ScorecardPolicy POLICY = new ScorecardPolicy(0.02, 0.05, 30);

    @Test
    void shouldCountCleanRunsAsDrawsAndGiveTheSimpleBoundWhenNoneFailed() {
        List<EnvironmentRun> runs = List.of(
                new EnvironmentRun("m", "v2", "eu", null, 1000, 100, new Interval(0.0, 0.03)),
                new EnvironmentRun("m", "v1", "us", null, 1000, 100, new Interval(0.01, 0.05)),
                new EnvironmentRun("m", "v1", "eu", null, 50, 5, new Interval(0.2, 0.9)));
        ProcessScorecard card = ProcessScorecard.of("rlhf", runs, POLICY);
        assertThat(card.draws()).isEqualTo(2);
        assertThat(card.failures()).isZero();
        assertThat(card.simpleBound()).isEqualTo(1.0); // ln(20)/2 > 1: two draws say nothing yet
        assertThat(card.exactBound()).isEqualTo(ProcessBound.exact(0, 2, 0.05));
        assertThat(card.runs()).extracting(ProcessScorecard.Run::outcome).containsExactly(
                ProcessScorecard.Outcome.INSUFFICIENT_LABELS, ProcessScorecard.Outcome.PASSED, ProcessScorecard.Outcome.PASSED);
        assertThat(card.versions()).containsExactly("m:v1", "m:v2");
        assertThat(card.deployments()).containsExactly("eu", "us");
        assertThat(card.drawsNeededForThreshold()).isEqualTo(150);
        assertThat(card.assumptions()).isNotEmpty();
    }

    @Test
    void shouldMarkARunFailedWhenItsLowerBoundIsAboveTheThreshold() {
        List<EnvironmentRun> runs = List.of(
                new EnvironmentRun("m", "ckpt-2", "sim-a", 2000L, 400, 40, new Interval(0.021, 0.2)),
                new EnvironmentRun("m", "ckpt-1", "sim-a", 1000L, 400, 40, new Interval(0.02, 0.2)));
        ProcessScorecard card = ProcessScorecard.of("run-7", runs, POLICY);
        assertThat(card.runs()).extracting(r -> r.run().version() + "=" + r.outcome())
                .containsExactly("ckpt-1=PASSED", "ckpt-2=FAILED");
        assertThat(card.failures()).isEqualTo(1);
        assertThat(card.simpleBound()).isNaN();
        assertThat(card.exactBound()).isEqualTo(ProcessBound.exact(1, 2, 0.05));
    }
}
