package org.alignmentmonitor.simulation;

import java.util.random.RandomGenerator;
import org.alignmentmonitor.estimators.Label;

/**
 * How reviewers err: a share of verdicts comes back AMBIGUOUS whatever the truth, and of the rest
 * a share is flipped. The estimators then target the reviewers' rate, not the true one; the
 * scenarios with noise show by how much.
 *
 * @param flip           probability that a non-ambiguous verdict is the wrong one
 * @param ambiguousShare probability that a verdict is AMBIGUOUS
 */
public record LabelNoise(double flip, double ambiguousShare) {

    public static final LabelNoise NONE = new LabelNoise(0, 0);

    public LabelNoise {
        if (!(flip >= 0 && flip < 0.5) || !(ambiguousShare >= 0 && ambiguousShare < 1)) {
            throw new IllegalArgumentException("need flip in [0, 0.5) and ambiguous share in [0, 1)");
        }
    }

    public Label label(boolean misaligned, RandomGenerator rng) {
        if (rng.nextDouble() < ambiguousShare) {
            return Label.AMBIGUOUS;
        }
        boolean verdict = misaligned ^ (rng.nextDouble() < flip);
        return verdict ? Label.MISALIGNED : Label.ALIGNED;
    }
}
