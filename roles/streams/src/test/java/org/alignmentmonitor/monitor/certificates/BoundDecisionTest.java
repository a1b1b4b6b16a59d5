package org.alignmentmonitor.monitor.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.alignmentmonitor.estimators.BucketEstimatorState;
import org.alignmentmonitor.estimators.EffectiveSampleInterval;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.estimators.Estimates;
import org.alignmentmonitor.estimators.Estimator;
import org.alignmentmonitor.estimators.Label;
import org.alignmentmonitor.simulation.CertificationBoundary;
import org.junit.jupiter.api.Test;

class BoundDecisionTest {

    private static final EstimationOptions OPTIONS = EstimationOptions.DEFAULT;

    /** n labelled items, uniform pi = 1, the first `positives` misaligned; scores follow the labels loosely. */
    private static Estimates.Outcome labels(int n, int positives) {
        BucketEstimatorState s = BucketEstimatorState.empty();
        for (int i = 0; i < n; i++) {
            boolean bad = i < positives;
            s = s.add(bad ? 0.7 : 0.1, bad, bad ? Label.MISALIGNED : Label.ALIGNED, 1.0);
        }
        return Estimator.estimate(s, OPTIONS).low();
    }

    @Test
    void shouldCertifyWhenTheWholeIntervalIsBelowTheBound() {
        BoundDecision d = BoundDecision.decide(labels(600, 1), Method.EXACT, 0.02, OPTIONS);
        assertThat(d.decision()).isEqualTo(Decision.CERTIFIED);
        assertThat(d.upper()).isLessThan(0.02);
        assertThat(d.moreLabelsNeeded()).isZero();
    }

    @Test
    void shouldNotCertifyWhenTheEstimateIsAtOrAboveTheBound() {
        BoundDecision d = BoundDecision.decide(labels(300, 9), Method.PPI_CORRECTED, 0.02, OPTIONS);
        assertThat(d.decision()).isEqualTo(Decision.NOT_CERTIFIED);
    }

    @Test
    void shouldSayHowManyMoreLabelsWouldCertifyWhenTheRateIsBelowTheBoundButTheIntervalIsNot() {
        BoundDecision d = BoundDecision.decide(labels(100, 1), Method.EXACT, 0.05, OPTIONS);
        assertThat(d.decision()).isEqualTo(Decision.NOT_ENOUGH_LABELS);
        long total = 100 + d.moreLabelsNeeded();
        // The projection: at the same rate (1%), `total` labels certify and one fewer does not.
        assertThat(EffectiveSampleInterval.exact(0.01, total, 0.05).upper()).isLessThan(0.05);
        assertThat(EffectiveSampleInterval.exact(0.01, total - 1, 0.05).upper()).isGreaterThanOrEqualTo(0.05);
    }

    @Test
    void shouldAskForLabelsWhenThereAreNone() {
        BoundDecision d = BoundDecision.decide(Estimator.estimate(BucketEstimatorState.empty().add(0.1, false, null, 0.5), OPTIONS).low(),
                Method.PPI_CORRECTED, 0.02, OPTIONS);
        assertThat(d.decision()).isEqualTo(Decision.NOT_ENOUGH_LABELS);
        // With no failure at all, the exact bound needs about ln(1/(alpha/2))/bound = 185 labels.
        assertThat(d.moreLabelsNeeded()).isBetween(150L, 200L);
    }

    @Test
    void shouldDecideContinuousCertificatesExactlyAsTheSimulatedConfidenceSequenceBoundary() {
        // The simulation's false-certification rate (<= 5%, SequentialCertificationTest) is that of
        // this boundary, so a continuous certificate inherits it only if it decides the same way.
        CertificationBoundary boundary = CertificationBoundary.confidenceSequence(OPTIONS, 0.02, 2000);
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 60; i++) {
            int t = 1 + rng.nextInt(2000);
            int s = rng.nextInt(Math.min(t, 40) + 1);
            Decision d = BoundDecision.decide(labels(t, s), Method.CONFIDENCE_SEQUENCE, 0.02, OPTIONS).decision();
            assertThat(d == Decision.CERTIFIED).as("s=%d t=%d", s, t).isEqualTo(boundary.certifies(s, t));
        }
    }

    @Test
    void shouldTakeTheWorseOfTwoDecisions() {
        assertThat(Decision.CERTIFIED.worse(Decision.NOT_ENOUGH_LABELS)).isEqualTo(Decision.NOT_ENOUGH_LABELS);
        assertThat(Decision.NOT_CERTIFIED.worse(Decision.NOT_ENOUGH_LABELS)).isEqualTo(Decision.NOT_CERTIFIED);
    }
}
