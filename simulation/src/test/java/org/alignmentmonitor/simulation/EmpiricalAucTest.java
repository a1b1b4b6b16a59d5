package org.alignmentmonitor.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class EmpiricalAucTest {

    @Test
    void shouldCountTiesAsHalfWhenComputingTheAuc() {
        double[] scores = {0.1, 0.4, 0.4, 0.9};
        boolean[] misaligned = {false, true, false, true};
        // Pairs (positive, negative): (0.4, 0.1) win, (0.4, 0.4) tie, (0.9, 0.1) win, (0.9, 0.4) win.
        assertThat(EmpiricalAuc.of(scores, misaligned)).isEqualTo(3.5 / 4);
    }

    @Test
    void shouldReachTheTargetAucWhenTheClassifierIsBinormal() {
        SimulationScenario s = new SimulationScenario("auc", 0.1, 100_000, Binormal.calibrated(0.85),
                SamplingDesign.uniform(10), LabelNoise.NONE, 1, 1, 5, 0.05);
        assertThat(EmpiricalAuc.measure(s)).isCloseTo(0.85, Offset.offset(0.01));
    }
}
