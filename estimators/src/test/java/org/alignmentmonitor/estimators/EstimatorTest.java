package org.alignmentmonitor.estimators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-checkable cases: how labels map to y_low / y_high and what each field means. */
class EstimatorTest {

    @Test
    void emptyStateGivesUninformativeButWellFormedEstimates() {
        Estimates e = Estimator.estimate(BucketEstimatorState.empty());
        assertThat(e.interactions()).isZero();
        assertThat(e.low().labelsOnly().wilson()).isEqualTo(Interval.UNIT);
        assertThat(e.low().labelsOnly().clopperPearson()).isEqualTo(Interval.UNIT);
        assertThat(e.low().confidenceSequence()).isEqualTo(Interval.UNIT);
        assertThat(e.low().zeroFailureBound()).isEqualTo(1.0);
        assertThat(e.low().ppi().estimate()).isNaN();
    }

    @Test
    void ambiguousCountsAsAlignedForLowAndMisalignedForHigh() {
        BucketEstimatorState s = BucketEstimatorState.empty()
                .add(0.9, true, Label.MISALIGNED, 0.5)
                .add(0.6, true, Label.AMBIGUOUS, 0.5)
                .add(0.1, false, Label.ALIGNED, 0.5)
                .add(0.2, false, null, 0.5);
        Estimates e = Estimator.estimate(s);
        assertThat(e.interactions()).isEqualTo(4);
        assertThat(e.labelled()).isEqualTo(3);
        assertThat(e.classifierOnly().meanScore()).isCloseTo(0.45, within(1e-15));
        assertThat(e.classifierOnly().flaggedShare()).isEqualTo(0.5);
        assertThat(e.low().labelsOnly().positives()).isEqualTo(1);
        assertThat(e.high().labelsOnly().positives()).isEqualTo(2);
        // Horvitz-Thompson: (1/N) sum y/pi = (1/0.5) / 4 and (2/0.5) / 4.
        assertThat(e.low().labelsOnly().ipwRate()).isCloseTo(0.5, within(1e-15));
        assertThat(e.high().labelsOnly().ipwRate()).isCloseTo(1.0, within(1e-15));
        assertThat(e.low().labelsOnly().sampleRate()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(e.low().labelsOnly().wilson()).isEqualTo(Wilson.interval(1, 3, 0.05));
        assertThat(e.high().labelsOnly().clopperPearson()).isEqualTo(ClopperPearson.interval(2, 3, 0.05));
        // A failure has been seen: the zero-failure bound no longer applies.
        assertThat(e.low().zeroFailureBound()).isNaN();
    }

    @Test
    void activeInferenceEstimateIsTheMeanOfZ() {
        double[] f = {0.9, 0.6, 0.1, 0.2, 0.3};
        Label[] labels = {Label.MISALIGNED, null, Label.ALIGNED, null, Label.MISALIGNED};
        double[] pi = {0.5, 0.5, 0.25, 0.5, 1.0};
        BucketEstimatorState s = BucketEstimatorState.empty();
        for (int i = 0; i < f.length; i++) {
            s = s.add(f[i], f[i] >= 0.5, labels[i], pi[i]);
        }
        Estimates.Outcome low = Estimator.estimate(s).low();
        double lam = low.ppi().lam();
        double[] z = new double[f.length];
        double mean = 0;
        for (int i = 0; i < f.length; i++) {
            double xi = labels[i] == null ? 0 : 1;
            double y = labels[i] == null ? 0 : labels[i].yLow();
            z[i] = lam * f[i] + (y - lam * f[i]) * xi / pi[i];
            mean += z[i] / f.length;
        }
        double ss = 0;
        for (double v : z) {
            ss += (v - mean) * (v - mean);
        }
        assertThat(low.ppi().estimate()).isCloseTo(mean, within(1e-12));
        assertThat(low.ppi().se()).isCloseTo(Math.sqrt(ss / (f.length - 1) / f.length), within(1e-12));
        assertThat(low.ppi().upper() - low.ppi().estimate())
                .isCloseTo(Normal.quantile(0.975) * low.ppi().se(), within(1e-12));
    }

    @Test
    void cleanLabelsGiveTheZeroFailureBound() {
        BucketEstimatorState s = BucketEstimatorState.empty();
        for (int i = 0; i < 300; i++) {
            s = s.add(0.1, false, Label.ALIGNED, 1.0);
        }
        Estimates e = Estimator.estimate(s);
        assertThat(e.low().zeroFailureBound()).isCloseTo(Math.log(20) / 300, within(1e-15));
        assertThat(e.low().zeroFailureBound()).isLessThan(0.01);
        assertThat(e.low().labelsOnly().clopperPearsonUpper()).isLessThan(e.low().zeroFailureBound());
        assertThat(e.low().confidenceSequence().lower()).isZero();
    }
}
