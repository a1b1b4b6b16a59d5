package org.alignmentmonitor.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.alignmentmonitor.review.sampling.Decision;
import org.alignmentmonitor.review.sampling.Stratum;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private static final SimulationScenario SMALL = new SimulationScenario("small", 0.05, 20_000,
            Binormal.calibrated(0.9), SamplingDesign.active(500, 0.01), LabelNoise.NONE, 4, 12, 99, 0.05);

    @Test
    void shouldReproduceEveryRunBitForBitWhenTheSeedIsTheSame() {
        List<RunOutcome> first = new Simulator(SMALL).runAll();
        List<RunOutcome> second = new Simulator(SMALL).runAll();
        List<RunOutcome> sequential = IntStream.range(0, SMALL.runs()).mapToObj(new Simulator(SMALL)::run).toList();
        assertThat(second).isEqualTo(first);
        assertThat(sequential).isEqualTo(first);
    }

    @Test
    void shouldDrawOtherInteractionsWhenTheSeedDiffers() {
        RunOutcome a = new Simulator(SMALL).run(0);
        RunOutcome b = new Simulator(SMALL.withSeed(100)).run(0);
        assertThat(b.estimates().classifierOnly().meanScore()).isNotEqualTo(a.estimates().classifierOnly().meanScore());
    }

    @Test
    void shouldSeeTheSameInteractionsWhenOnlyTheSamplingDesignDiffers() {
        RunOutcome active = new Simulator(SMALL).run(3);
        RunOutcome uniform = new Simulator(SMALL.withSampling(SamplingDesign.uniform(500))).run(3);
        assertThat(uniform.estimates().classifierOnly()).isEqualTo(active.estimates().classifierOnly());
        assertThat(uniform.labels()).isNotEqualTo(active.labels());
    }

    @Test
    void shouldSelectEachStratumAtItsRecordedProbabilityWhenSamplingActively() {
        SimulationScenario scenario = SMALL.withSampling(SamplingDesign.active(2_000, 0.01));
        ScenarioSampler sampler = ScenarioSampler.forScenario(scenario);
        assertThat(sampler.probabilities().values()).hasSizeGreaterThan(3);
        Map<Stratum, long[]> seenAndSelected = new HashMap<>();
        Map<Stratum, Double> recordedPi = new HashMap<>();
        for (int run = 0; run < 10; run++) {
            InteractionSource source = new InteractionSource(scenario, RunStreams.of(scenario.seed(), run).interactions(), "t" + run + "-");
            for (int i = 0; i < scenario.interactions(); i++) {
                Decision d = sampler.decide(source.next());
                long[] acc = seenAndSelected.computeIfAbsent(d.stratum(), s -> new long[2]);
                acc[0]++;
                acc[1] += d.selected() ? 1 : 0;
                recordedPi.merge(d.stratum(), d.inclusionProbability(), (x, y) -> {
                    assertThat(y).as("one probability per stratum").isEqualTo(x);
                    return x;
                });
            }
        }
        seenAndSelected.forEach((stratum, acc) -> {
            double pi = recordedPi.get(stratum);
            double expected = acc[0] * pi;
            double sd = Math.sqrt(acc[0] * pi * (1 - pi));
            // 4 sd per stratum keeps the family of checks from failing by chance.
            assertThat((double) acc[1]).as(stratum.id()).isBetween(expected - 4 * sd - 1, expected + 4 * sd + 1);
        });
    }

    @Test
    void shouldCollectTheBudgetOnAverageWhenSamplingUniformly() {
        SimulationScenario scenario = SMALL.withSampling(SamplingDesign.uniform(500));
        double mean = new Simulator(scenario).runAll().stream().mapToLong(RunOutcome::labels).average().orElseThrow();
        // 12 runs of Binomial(20000, 0.025): sd of the mean about 6.4.
        assertThat(mean).isBetween(475.0, 525.0);
    }
}
