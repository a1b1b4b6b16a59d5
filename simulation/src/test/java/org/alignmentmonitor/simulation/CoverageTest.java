package org.alignmentmonitor.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The coverage study in small: 300 runs per rate on a uniform review sample of 2,000 labels. At
 * 300 runs the Monte Carlo sd of a 95% coverage is 1.3 points, so 92% is nominal less about 2.3 sd.
 * PPI gets 90% at p = 0.5%: with about 10 positive labels its normal-theory interval really does
 * under-cover (91.7% over 1000 runs in docs/simulation-report.md), and the test should not pretend
 * otherwise; the exact intervals are held to the full floor there too. The small-rate corrected PPI
 * (what certificates use) gets the exact intervals' floor here; {@link CorrectedCoverageTest} holds it
 * to 94% on the report's own 1,000-run scenarios at the small rates.
 */
class CoverageTest {

    private static final int RUNS = 300;

    @ParameterizedTest(name = "p = {0}")
    @CsvSource({"0.005, 0.90", "0.01, 0.92", "0.02, 0.92", "0.05, 0.92", "0.2, 0.92"})
    void shouldCoverTheTrueRateAtTheNominalLevelWhenLabelsAreAUniformSample(double rate, double ppiFloor) {
        ScenarioResult r = ScenarioResult.run(SimulationSuite.coverageScenario(rate, RUNS, 7_000 + Double.hashCode(rate)));
        assertThat(r.summary(EstimatorKind.CLOPPER_PEARSON).coverage()).as("Clopper-Pearson").isGreaterThanOrEqualTo(0.93);
        assertThat(r.summary(EstimatorKind.WILSON).coverage()).as("Wilson").isGreaterThanOrEqualTo(0.92);
        assertThat(r.summary(EstimatorKind.CONFIDENCE_SEQUENCE).coverage()).as("confidence sequence").isGreaterThanOrEqualTo(0.95);
        assertThat(r.summary(EstimatorKind.PPI).coverage()).as("PPI").isGreaterThanOrEqualTo(ppiFloor);
        assertThat(r.summary(EstimatorKind.PPI_CORRECTED).coverage()).as("corrected PPI").isGreaterThanOrEqualTo(0.93);
        assertThat(Math.abs(r.summary(EstimatorKind.PPI).bias())).as("PPI bias")
                .isLessThan(3 * r.summary(EstimatorKind.PPI).rmse() / Math.sqrt(RUNS));
    }
}
