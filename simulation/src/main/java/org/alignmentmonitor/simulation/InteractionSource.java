package org.alignmentmonitor.simulation;

import java.util.SplittableRandom;

/**
 * The interactions of one run, drawn one at a time from the run's own random stream. The truth and
 * the score are the only draws taken from it, so two scenarios that differ only in sampling or
 * label noise see exactly the same interactions.
 */
final class InteractionSource {

    private final SplittableRandom rng;
    private final double rate;
    private final ClassifierModel.Scorer scorer;
    private final String idPrefix;
    private int next;

    InteractionSource(SimulationScenario scenario, SplittableRandom rng, String idPrefix) {
        this.rng = rng;
        this.rate = scenario.rate();
        this.scorer = scenario.classifier().scorer(scenario.rate());
        this.idPrefix = idPrefix;
    }

    Interaction next() {
        boolean misaligned = rng.nextDouble() < rate;
        double score = scorer.score(misaligned, rng);
        return new Interaction(idPrefix + next++, misaligned, score);
    }
}
