package org.alignmentmonitor.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * PPI against labels only on the same labels, for an AUC-0.9 classifier whose scores explain enough
 * of the label's variance (see the report: with the binormal classifier at rare rates the ratio
 * stays well below 1.5, because AUC alone does not fix the gain).
 */
class PpiComparisonTest {

    @Test
    void shouldNarrowTheIntervalByHalfAgainWhenAnAuc09JudgeScoresEveryInteraction() {
        PpiComparison c = PpiComparison.run(
                SimulationSuite.widthScenario(SimulationSuite.CONFIDENT_JUDGE, 0.2, 40, 11),
                SimulationSuite.widthActiveDesign());
        assertThat(c.measuredAuc()).isBetween(0.88, 0.92);
        assertThat(c.uniformClopperPearsonOverPpi()).isGreaterThanOrEqualTo(1.5);
        assertThat(c.activeIpwOverPpi()).isGreaterThanOrEqualTo(1.5);
    }
}
