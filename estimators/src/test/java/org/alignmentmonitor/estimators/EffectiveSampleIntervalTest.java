package org.alignmentmonitor.estimators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EffectiveSampleIntervalTest {

    private static final double TOL = 1e-9;

    /** Expected ends from scipy.stats.beta.ppf(alpha/2, x, n-x+1) and ppf(1-alpha/2, x+1, n-x), x = p*n. */
    @ParameterizedTest(name = "p={0} n={1} alpha={2}")
    @CsvSource({
            "0.004, 2600.5, 0.05, 0.0019525300155949262, 0.007260234086281211",
            "0.0123, 812.25, 0.05, 0.0059112576579930624, 0.02250959195238493",
            "0.2, 1500.0, 0.1, 0.18312396521091617, 0.21775130347749946",
            "0.05, 37.5, 0.05, 0.005503489050015874, 0.1749155647676918"})
    void shouldMatchScipyWhenTheEffectiveSampleIsNotWhole(double p, double n, double alpha, double lower, double upper) {
        Interval got = EffectiveSampleInterval.exact(p, n, alpha);
        assertThat(got.lower()).isCloseTo(lower, within(TOL));
        assertThat(got.upper()).isCloseTo(upper, within(TOL));
    }

    @Test
    void shouldUseTheEstimatesVarianceAsABinomialSampleWhenSeIsPositive() {
        // p = 0.01, se = 0.002: n* = 0.01 * 0.99 / 4e-6 = 2475 (more than the 1,000 labels).
        PpiEstimate e = new PpiEstimate(0.7, 0.01, 0.002, 0.0, 0.0);
        assertThat(EffectiveSampleInterval.effectiveSize(e, 1_000)).isCloseTo(2475.0, within(1e-9));
        Interval got = EffectiveSampleInterval.interval(e, 1_000, 0.05);
        Interval want = EffectiveSampleInterval.exact(0.01, 2475.0, 0.05);
        assertThat(got.lower()).isCloseTo(want.lower(), within(1e-12));
        assertThat(got.upper()).isCloseTo(want.upper(), within(1e-12));
    }

    @Test
    void shouldFallBackToTheLabelsWhenNoPositiveHasBeenSeen() {
        PpiEstimate none = new PpiEstimate(0.0, 0.0, 0.0, 0.0, 0.0);
        assertThat(EffectiveSampleInterval.effectiveSize(none, 300)).isEqualTo(300.0);
        Interval got = EffectiveSampleInterval.interval(none, 300, 0.05);
        assertThat(got.lower()).isZero();
        assertThat(got.upper()).isCloseTo(ClopperPearson.interval(0, 300, 0.05).upper(), within(TOL));
    }

    @Test
    void shouldBeUninformativeWhenThereAreNoLabels() {
        PpiEstimate nan = new PpiEstimate(0.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        assertThat(EffectiveSampleInterval.interval(nan, 0, 0.05)).isEqualTo(Interval.UNIT);
    }

    @Property(tries = 300)
    void shouldContainTheClippedEstimateWithinTheUnitInterval(
            @ForAll @Scale(6) @DoubleRange(min = -0.01, max = 1.0) double estimate,
            @ForAll @Scale(6) @DoubleRange(min = 0.0, max = 0.2) double se,
            @ForAll @LongRange(min = 1, max = 100_000) long labelled) {
        Interval got = EffectiveSampleInterval.interval(new PpiEstimate(0.5, estimate, se, 0, 0), labelled, 0.05);
        double p = Math.max(0, Math.min(1, estimate));
        assertThat(got.lower()).isBetween(0.0, p + 1e-12);
        assertThat(got.upper()).isBetween(p - 1e-12, 1.0);
    }

    @Property(tries = 200)
    void shouldWidenWhenTheEstimateIsLessPrecise(
            @ForAll @Scale(6) @DoubleRange(min = 0.001, max = 0.3) double p,
            @ForAll @Scale(6) @DoubleRange(min = 1e-4, max = 0.02) double se,
            @ForAll @Scale(6) @DoubleRange(min = 1.01, max = 4.0) double factor) {
        Interval sharp = EffectiveSampleInterval.interval(new PpiEstimate(0.5, p, se, 0, 0), 10, 0.05);
        Interval blunt = EffectiveSampleInterval.interval(new PpiEstimate(0.5, p, se * factor, 0, 0), 10, 0.05);
        assertThat(blunt.upper()).isGreaterThanOrEqualTo(sharp.upper() - 1e-12);
        assertThat(blunt.lower()).isLessThanOrEqualTo(sharp.lower() + 1e-12);
    }

    @Property(tries = 200)
    void shouldLieAboveTheNormalUpperEndNearZero(
            @ForAll @Scale(6) @DoubleRange(min = 0.001, max = 0.02) double p,
            @ForAll @LongRange(min = 200, max = 5_000) long n) {
        // The correction's point: near 0 the exact upper end exceeds p + z*se, where the misses were.
        double se = Math.sqrt(p * (1 - p) / n);
        Interval got = EffectiveSampleInterval.interval(new PpiEstimate(0.0, p, se, 0, 0), n, 0.05);
        assertThat(got.upper()).isGreaterThan(p + Normal.twoSidedCritical(0.05) * se);
    }
}
