package org.alignmentmonitor.estimators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference values from Python's math.lgamma, statistics.NormalDist and scipy.special. */
class SpecialFunctionsTest {

    @ParameterizedTest
    @CsvSource({
        "0.5, 0.5723649429247004",
        "1, 0.0",
        "2, 0.0",
        "10.5, 13.940625219403763",
        "100, 359.1342053695754",
        "1000.25, 5906.947268271117",
        "0.001, 6.907178885383854"})
    void logGamma(double x, double expected) {
        assertThat(SpecialFunctions.logGamma(x)).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
    }

    @ParameterizedTest
    @CsvSource({
        "0.975, 1.9599639845400536",
        "0.95, 1.6448536269514715",
        "0.5, 0.0",
        "1e-10, -6.361340902404056",
        "0.999999, 4.753424308817089",
        "0.3, -0.5244005127080407"})
    void normalQuantile(double p, double expected) {
        assertThat(Normal.quantile(p)).isCloseTo(expected, within(1e-14 * Math.max(1, Math.abs(expected))));
    }

    @ParameterizedTest
    @CsvSource({
        "0.3, 2, 5, 0.5798250000000003",
        "0.01, 0.5, 50, 0.6826956021258024",
        "0.9, 30, 3, 0.36668351908062025",
        "0.02, 20, 981, 0.5306414635316608",
        "0.5, 1000, 1000, 0.4999999999999992"})
    void regularizedBeta(double x, double a, double b, double expected) {
        assertThat(SpecialFunctions.regularizedBeta(x, a, b)).isCloseTo(expected, within(1e-12));
    }

    @ParameterizedTest
    @CsvSource({
        "0.025, 3, 298, 0.0020670072350923163",
        "0.975, 21, 980, 0.03072003268260911",
        "0.5, 0.5, 0.5, 0.4999999999999999",
        "1e-8, 2, 3, 4.082594021609242e-05"})
    void inverseRegularizedBeta(double p, double a, double b, double expected) {
        double x = SpecialFunctions.inverseRegularizedBeta(p, a, b);
        assertThat(x).isCloseTo(expected, within(1e-12 * Math.max(1e-3, expected)));
        assertThat(SpecialFunctions.regularizedBeta(x, a, b)).isCloseTo(p, within(1e-12 * Math.max(1e-3, p)));
    }
}
