package org.alignmentmonitor.simulation;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.alignmentmonitor.estimators.BucketEstimatorState;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.estimators.Estimator;
import org.alignmentmonitor.estimators.Label;
import org.alignmentmonitor.review.sampling.Decision;

/**
 * Runs a scenario: per run, N interactions with a hidden truth, their classifier scores, the real
 * sampler's decision and recorded pi, a noisy verdict for each sampled one, accumulated into
 * several buckets that are merged before estimating, as the stream does. Every run has its own
 * seeded random stream, so runs may go in parallel and the results are the same bit for bit.
 */
public final class Simulator {

    /** The rate a certificate claims to be below. */
    public static final double CERTIFICATION_THRESHOLD = 0.02;

    private final SimulationScenario scenario;
    private final ScenarioSampler sampler;
    private final EstimationOptions options;
    private final CertificationBoundary certification;

    public Simulator(SimulationScenario scenario) {
        this.scenario = scenario;
        this.sampler = ScenarioSampler.forScenario(scenario);
        this.options = EstimationOptions.withAlpha(scenario.alpha());
        // Room for the label count's random excess over the budget; later labels go unchecked.
        int horizon = (int) Math.min(scenario.interactions(), 2 * scenario.sampling().budget() + 100);
        this.certification = scenario.sampling().active()
                ? null
                : CertificationBoundary.confidenceSequence(options, CERTIFICATION_THRESHOLD, horizon);
    }

    public List<RunOutcome> runAll() {
        return IntStream.range(0, scenario.runs()).parallel().mapToObj(this::run).toList();
    }

    public RunOutcome run(int index) {
        RunStreams streams = RunStreams.of(scenario.seed(), index);
        InteractionSource source = new InteractionSource(scenario, streams.interactions(), "r" + index + "-");
        int n = scenario.interactions();
        BucketEstimatorState[] buckets = new BucketEstimatorState[scenario.buckets()];
        Arrays.fill(buckets, BucketEstimatorState.empty());
        int labels = 0;
        long failures = 0;
        int certifiedAt = -1;
        for (int i = 0; i < n; i++) {
            Interaction it = source.next();
            Decision decision = sampler.decide(it);
            Label label = decision.selected() ? scenario.noise().label(it.misaligned(), streams.labels()) : null;
            int b = (int) ((long) i * buckets.length / n);
            buckets[b] = buckets[b].add(it.score(), it.flagged(), label, decision.inclusionProbability());
            if (label != null) {
                labels++;
                failures += label == Label.MISALIGNED ? 1 : 0;
                if (certifiedAt < 0 && certification != null && labels <= certification.horizon()
                        && certification.certifies(failures, labels)) {
                    certifiedAt = labels;
                }
            }
        }
        BucketEstimatorState merged = BucketEstimatorState.mergeAll(Arrays.asList(buckets));
        return new RunOutcome(Estimator.estimate(merged, options), labels, certifiedAt);
    }
}
