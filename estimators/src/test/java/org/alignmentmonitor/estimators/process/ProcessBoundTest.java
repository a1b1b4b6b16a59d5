package org.alignmentmonitor.estimators.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

/** Golden values (computed with Python/SciPy), properties and a fixed-seed coverage simulation. */
class ProcessBoundTest {

    @Test
    void shouldMatchGoldenValuesWhenNoRunFailed() {
        // ln(20)/300 and 1 - 0.05^(1/300)
        assertThat(ProcessBound.simple(300, 0.05)).isCloseTo(0.00998577424517997, within(1e-15));
        assertThat(ProcessBound.exact(0, 300, 0.05)).isCloseTo(0.00993608194445772, within(1e-15));
        // ln(100)/46 and 1 - 0.01^(1/46)
        assertThat(ProcessBound.simple(46, 0.01)).isCloseTo(0.10011239534756722, within(1e-15));
        assertThat(ProcessBound.exact(0, 46, 0.01)).isCloseTo(0.09526427576507024, within(1e-15));
        assertThat(ProcessBound.drawsNeeded(0.02, 0.05)).isEqualTo(150);
    }

    @Test
    void shouldMatchClopperPearsonGoldenValueWhenRunsFailed() {
        // scipy.stats.beta.ppf(0.95, 3, 98): two failures in 100 draws
        assertThat(ProcessBound.exact(2, 100, 0.05)).isCloseTo(0.06161920039604069, within(1e-9));
    }

    @Test
    void shouldBeUninformativeWithoutDraws() {
        assertThat(ProcessBound.simple(0, 0.05)).isEqualTo(1.0);
        assertThat(ProcessBound.exact(0, 0, 0.05)).isEqualTo(1.0);
    }

    @Test
    void shouldRejectInvalidArguments() {
        assertThatThrownBy(() -> ProcessBound.simple(-1, 0.05)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessBound.simple(10, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessBound.drawsNeeded(0, 0.05)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void exactBoundShouldNeverExceedSimpleBound(@ForAll @LongRange(min = 1, max = 1_000_000) long n,
                                                @ForAll @DoubleRange(min = 1e-6, max = 0.5) @Scale(8) double delta) {
        assertThat(ProcessBound.exact(0, n, delta)).isLessThanOrEqualTo(ProcessBound.simple(n, delta) + 1e-15);
    }

    @Property
    void boundsShouldShrinkWithMoreCleanDraws(@ForAll @LongRange(min = 1, max = 100_000) long n,
                                              @ForAll @DoubleRange(min = 1e-6, max = 0.5) @Scale(8) double delta) {
        assertThat(ProcessBound.simple(n + 1, delta)).isLessThanOrEqualTo(ProcessBound.simple(n, delta));
        assertThat(ProcessBound.exact(0, n + 1, delta)).isLessThanOrEqualTo(ProcessBound.exact(0, n, delta));
    }

    @Property
    void boundShouldGrowWithFailures(@ForAll @LongRange(min = 2, max = 2_000) long n,
                                     @ForAll @LongRange(min = 0, max = 1_998) long k) {
        long failures = Math.min(k, n - 2);
        assertThat(ProcessBound.exact(failures + 1, n, 0.05)).isGreaterThan(ProcessBound.exact(failures, n, 0.05));
    }

    @Property
    void drawsNeededShouldReachTheTarget(@ForAll @DoubleRange(min = 1e-4, max = 1) @Scale(8) double eps,
                                         @ForAll @DoubleRange(min = 1e-6, max = 0.5) @Scale(8) double delta) {
        assertThat(ProcessBound.simple(ProcessBound.drawsNeeded(eps, delta), delta)).isLessThanOrEqualTo(eps + 1e-12);
    }

    /**
     * The guarantee itself: a process failing each draw with probability eps passes all n draws
     * (and so claims eps below the simple bound) at most delta of the time. Fixed seed.
     */
    @Test
    void shouldCertifyAFailingProcessAtMostDeltaOfTheTime() {
        SplittableRandom random = new SplittableRandom(14);
        double delta = 0.05;
        for (double eps : new double[] {0.005, 0.02, 0.1}) {
            int n = (int) ProcessBound.drawsNeeded(eps, delta);
            int trials = 4000;
            int wronglyCertified = 0;
            for (int t = 0; t < trials; t++) {
                int failures = 0;
                for (int i = 0; i < n; i++) {
                    failures += random.nextDouble() < eps ? 1 : 0;
                }
                if (ProcessBound.exact(failures, n, delta) < eps) {
                    wronglyCertified++;
                }
            }
            // exp(-eps n) <= delta; allow three binomial standard errors of simulation noise.
            assertThat((double) wronglyCertified / trials).as("eps=%s", eps)
                    .isLessThanOrEqualTo(delta + 3 * Math.sqrt(delta * (1 - delta) / trials));
        }
    }
}
