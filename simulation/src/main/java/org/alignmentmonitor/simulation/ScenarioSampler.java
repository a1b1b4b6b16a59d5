package org.alignmentmonitor.simulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.alignmentmonitor.review.sampling.BudgetAllocator;
import org.alignmentmonitor.review.sampling.BudgetAllocator.StratumTraffic;
import org.alignmentmonitor.review.sampling.Decision;
import org.alignmentmonitor.review.sampling.SamplingPolicy;
import org.alignmentmonitor.review.sampling.StratifiedSampler;
import org.alignmentmonitor.review.sampling.Stratum;

/**
 * The production sampler configured for a scenario. A uniform design is a policy whose floor is
 * budget / N and that knows no strata, so every interaction gets the floor. An active design
 * lets the real {@link BudgetAllocator} set stratum probabilities from one pilot period of the
 * same stream, as the service does from the previous hour.
 */
final class ScenarioSampler {

    private static final String MODEL = "sim-model";
    private static final String VERSION = "v1";
    /** Random-stream index of the pilot period; runs use 0, 1, 2, ... */
    private static final long PILOT_STREAM = -2;

    private final StratifiedSampler sampler;
    private final Map<Stratum, Double> probabilities;

    private ScenarioSampler(StratifiedSampler sampler, Map<Stratum, Double> probabilities) {
        this.sampler = sampler;
        this.probabilities = probabilities;
    }

    static ScenarioSampler forScenario(SimulationScenario scenario) {
        SamplingDesign design = scenario.sampling();
        String salt = "sim-" + Long.toHexString(scenario.seed());
        if (!design.active()) {
            double pi = (double) design.budget() / scenario.interactions();
            SamplingPolicy policy = new SamplingPolicy("sim-uniform", salt, pi, new double[0], design.budget());
            return new ScenarioSampler(new StratifiedSampler(policy, Map.of()), Map.of());
        }
        double[] edges = design.bandEdges().stream().mapToDouble(Double::doubleValue).toArray();
        SamplingPolicy policy = new SamplingPolicy("sim-active", salt, design.floor(), edges, design.budget());
        Map<Stratum, Double> pi = new BudgetAllocator(policy).allocate(pilotTraffic(scenario, policy));
        return new ScenarioSampler(new StratifiedSampler(policy, pi), Map.copyOf(pi));
    }

    Decision decide(Interaction interaction) {
        return sampler.decide(interaction.id(), MODEL, VERSION, interaction.score(), interaction.flagged());
    }

    /** The allocator's probabilities by stratum (empty for a uniform design). */
    Map<Stratum, Double> probabilities() {
        return probabilities;
    }

    private static List<StratumTraffic> pilotTraffic(SimulationScenario scenario, SamplingPolicy policy) {
        InteractionSource pilot = new InteractionSource(scenario, Seeds.random(scenario.seed(), PILOT_STREAM), "pilot-");
        Map<Stratum, double[]> countAndSum = new HashMap<>();
        for (int i = 0; i < scenario.interactions(); i++) {
            Interaction it = pilot.next();
            Stratum stratum = new Stratum(MODEL, VERSION, policy.band(it.score()), it.flagged());
            double[] acc = countAndSum.computeIfAbsent(stratum, s -> new double[2]);
            acc[0]++;
            acc[1] += it.score();
        }
        List<StratumTraffic> traffic = new ArrayList<>();
        countAndSum.forEach((stratum, acc) -> traffic.add(new StratumTraffic(stratum, (long) acc[0], acc[1] / acc[0])));
        return traffic;
    }
}
