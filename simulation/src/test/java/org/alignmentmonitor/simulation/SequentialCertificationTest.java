package org.alignmentmonitor.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.alignmentmonitor.estimators.BetaBinomialConfidenceSequence;
import org.alignmentmonitor.estimators.ClopperPearson;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.junit.jupiter.api.Test;

class SequentialCertificationTest {

    private static final EstimationOptions OPTIONS = EstimationOptions.DEFAULT;
    private static final SequentialCertification EXPERIMENT = new SequentialCertification(OPTIONS, 0.02, 10_000);

    @Test
    void shouldRarelyCertifyFalselyWhenTheSequenceIsCheckedAfterEveryLabel() {
        SequentialCertification.Result r = EXPERIMENT.run(0.02, 1000, 1);
        assertThat(r.csCertifiedShare()).isLessThanOrEqualTo(0.05);
        // The point of the sequence: a fixed-n bound re-checked as often fails several times as often.
        assertThat(r.cpCertifiedShare()).isGreaterThan(3 * Math.max(r.csCertifiedShare(), 0.02));
    }

    @Test
    void shouldCertifyWithinAFewHundredLabelsWhenTheRateIsAQuarterOfTheThreshold() {
        SequentialCertification.Result r = EXPERIMENT.run(0.005, 1000, 2);
        assertThat(r.csCertifiedShare()).isEqualTo(1.0);
        assertThat(r.csMedianLabels()).isBetween(150, 1000);
        assertThat(r.cpMedianLabels()).isLessThanOrEqualTo(r.csMedianLabels());
    }

    @Test
    void shouldAgreeWithTheEstimatorBoundsWhenTabulatingTheCertificationBoundary() {
        CertificationBoundary cs = CertificationBoundary.confidenceSequence(OPTIONS, 0.02, 3000);
        CertificationBoundary cp = CertificationBoundary.clopperPearson(OPTIONS.alpha(), 0.02, 3000);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            int t = 1 + rng.nextInt(3000);
            long s = rng.nextInt(Math.min(t, 60) + 1);
            double csUpper = BetaBinomialConfidenceSequence.interval(s, t, OPTIONS.csPriorA(), OPTIONS.csPriorB(), OPTIONS.alpha()).upper();
            assertThat(cs.certifies(s, t)).as("CS s=%d t=%d", s, t).isEqualTo(csUpper < 0.02);
            assertThat(cp.certifies(s, t)).as("CP s=%d t=%d", s, t).isEqualTo(ClopperPearson.upper(s, t, OPTIONS.alpha()) < 0.02);
        }
    }
}
