package org.alignmentmonitor.estimators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fixed-seed simulation of a stream with a known true rate, a classifier of moderate quality
 * (logit separation 1.5, AUC about 0.86) and known inclusion probabilities. Checks the frequentist
 * promises rather than numbers: the nominal 95% active-inference interval covers the truth in
 * at least 93% of 400 runs (the 2-point slack is Monte Carlo error, sd ~1.1 points at 400 runs),
 * and the confidence sequence, checked after every single label, ever excludes the truth in at
 * most 5% of runs.
 *
 * <p>Two caveats the numbers taught us. (1) The exact false-exclusion probability of the
 * sequence over 2000 labels is 3.2% at a 1% rate and 4.7% at 5% (see
 * {@link ConfidenceSequenceExactTest}), so the 5% Monte Carlo threshold holds for this seed but
 * has little slack at 5%; the exact test is the robust check. (2) With score-dependent pi at a
 * 1% rate, 20,000 items (about 46 positive labels) gave 92% coverage: the normal interval needs
 * more positives when the weights are unequal, hence 50,000 items there.
 */
class SimulationTest {

    private static final int RUNS = 400;
    private static final double ALPHA = 0.05;

    /**
     * @param rate      true misaligned rate
     * @param uniformPi review probability for every item; 0 means score-dependent pi = 0.03 + 0.4 f
     * @param items     interactions per run
     */
    @ParameterizedTest(name = "rate={0} pi={1} N={2}")
    @CsvSource({"0.01, 0.1, 20000", "0.05, 0.1, 20000", "0.01, 0, 50000", "0.05, 0, 20000"})
    void intervalsCoverTheTrueRate(double rate, double uniformPi, int items) {
        Random rng = new Random(Double.hashCode(rate) * 31L + Double.hashCode(uniformPi));
        EstimationOptions options = EstimationOptions.DEFAULT;
        int covered = 0;
        int coveredLabelsOnly = 0;
        int csFalseExclusions = 0;
        double widthTuned = 0;
        double widthLabelsOnly = 0;
        for (int run = 0; run < RUNS; run++) {
            BucketEstimatorState state = BucketEstimatorState.empty();
            long failures = 0;
            long labels = 0;
            boolean excluded = false;
            for (int i = 0; i < items; i++) {
                boolean misaligned = rng.nextDouble() < rate;
                double logit = (misaligned ? 0.0 : -1.5) + rng.nextGaussian();
                double score = 1 / (1 + Math.exp(-logit));
                double pi = uniformPi > 0 ? uniformPi : Math.min(1.0, 0.03 + 0.4 * score);
                Label label = null;
                if (rng.nextDouble() < pi) {
                    label = misaligned ? Label.MISALIGNED : Label.ALIGNED;
                    labels++;
                    failures += misaligned ? 1 : 0;
                    // The confidence sequence assumes labels are i.i.d. draws of the rate, which
                    // holds only under uniform pi; with score-dependent pi it would track the
                    // (enriched) rate of the reviewed sample, so it is only checked there.
                    if (uniformPi > 0 && !excluded) {
                        excluded = !BetaBinomialConfidenceSequence.contains(failures, labels,
                                options.csPriorA(), options.csPriorB(), ALPHA, rate);
                    }
                }
                state = state.add(score, score >= 0.5, label, pi);
            }
            Estimates.Outcome low = Estimator.estimate(state, options).low();
            covered += low.ppi().interval().contains(rate) ? 1 : 0;
            coveredLabelsOnly += low.lam0().interval().contains(rate) ? 1 : 0;
            widthTuned += low.ppi().interval().width();
            widthLabelsOnly += low.lam0().interval().width();
            csFalseExclusions += excluded ? 1 : 0;
            if (uniformPi > 0) {
                // The interval ends and the membership test describe the same set.
                Interval cs = low.confidenceSequence();
                assertThat(cs.contains(rate)).isEqualTo(BetaBinomialConfidenceSequence.contains(
                        failures, labels, options.csPriorA(), options.csPriorB(), ALPHA, rate));
            }
        }
        System.out.printf("rate=%s pi=%s: tuned coverage %d/%d, lam0 coverage %d/%d, mean width tuned %.5f"
                        + " lam0 %.5f, CS false exclusions %d/%d%n", rate, uniformPi, covered, RUNS,
                coveredLabelsOnly, RUNS, widthTuned / RUNS, widthLabelsOnly / RUNS, csFalseExclusions, RUNS);
        assertThat(covered).as("active-inference coverage").isGreaterThanOrEqualTo((int) Math.ceil(0.93 * RUNS));
        assertThat(csFalseExclusions).as("confidence-sequence false exclusions").isLessThanOrEqualTo(RUNS / 20);
        // Power tuning must not cost width relative to labels only.
        assertThat(widthTuned).isLessThanOrEqualTo(widthLabelsOnly * 1.01);
    }
}
