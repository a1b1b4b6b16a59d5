package org.alignmentmonitor.estimators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.BiPredicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact probability that the confidence sequence, checked after every one of T labels,
 * ever excludes the true rate: a dynamic programme over (t, failures) that drops paths once
 * excluded. Unlike a Monte Carlo count it has no sampling error, so it can be held to the
 * theorem (at most alpha, by Ville's inequality) and to an independent numpy/scipy evaluation
 * of the same recursion.
 */
class ConfidenceSequenceExactTest {

    private static final double A = EstimationOptions.DEFAULT.csPriorA();
    private static final double B = EstimationOptions.DEFAULT.csPriorB();

    @ParameterizedTest(name = "p={0}")
    @CsvSource({
        "0.01, 0.03206226460861551",
        "0.02, 0.03947317390293718",
        "0.05, 0.04686350417476942"})
    void everExcludingTheTruthWithin2000LabelsHasProbabilityAtMostAlpha(double p, double scipy) {
        double alpha = 0.05;
        double crossed = probabilityOfEverExcluding(p, alpha, 2000);
        assertThat(crossed).isCloseTo(scipy, within(1e-9));
        assertThat(crossed).isLessThanOrEqualTo(alpha);
    }

    @Test
    void naiveRepeatedCheckingOfAFixedNIntervalDoesInflateFalseAlarms() {
        // The reason the confidence sequence exists: re-checking Clopper-Pearson after every label
        // excludes a true 2% rate at some point far more often than 5%.
        double p = 0.02;
        double crossed = probabilityOfEverExcluding(p, 1000, (s, t) -> !ClopperPearson.interval(s, t, 0.05).contains(p));
        assertThat(crossed).isGreaterThan(0.10);
    }

    static double probabilityOfEverExcluding(double p, double alpha, int horizon) {
        return probabilityOfEverExcluding(p, horizon, (s, t) -> !BetaBinomialConfidenceSequence.contains(s, t, A, B, alpha, p));
    }

    /** Probability that a Bernoulli(p) label stream ever reaches a (failures, labels) state that {@code excludes} p. */
    private static double probabilityOfEverExcluding(double p, int horizon, BiPredicate<Integer, Integer> excludes) {
        double[] alive = new double[horizon + 2];
        alive[0] = 1;
        double crossed = 0;
        for (int t = 1; t <= horizon; t++) {
            double[] next = new double[horizon + 2];
            for (int s = 0; s < t; s++) {
                next[s + 1] += alive[s] * p;
                next[s] += alive[s] * (1 - p);
            }
            for (int s = 0; s <= t; s++) {
                if (next[s] > 0 && excludes.test(s, t)) {
                    crossed += next[s];
                    next[s] = 0;
                }
            }
            alive = next;
        }
        return crossed;
    }
}
