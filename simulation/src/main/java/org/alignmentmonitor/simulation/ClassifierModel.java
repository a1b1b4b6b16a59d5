package org.alignmentmonitor.simulation;

import java.util.random.RandomGenerator;

/**
 * How a classifier's scores relate to the hidden truth. The AUC alone does not fix what
 * prediction-powered inference gains: that depends on how much of the variance of the truth the
 * score explains, so two shapes with the same AUC are offered.
 */
public sealed interface ClassifierModel permits Binormal, BetaScores {

    /** Draws scores for interactions of a stream whose true rate is {@code rate}. */
    Scorer scorer(double rate);

    /** A short description for the report. */
    String describe();

    /** One score per interaction, in [0, 1]. */
    @FunctionalInterface
    interface Scorer {
        double score(boolean misaligned, RandomGenerator rng);
    }

    /** sigmoid(logit(score) + bias): shifts calibration without changing the ranking. */
    static double shiftLogit(double score, double bias) {
        if (bias == 0) {
            return score;
        }
        double logit = Math.log(score) - Math.log1p(-score);
        return 1 / (1 + Math.exp(-(logit + bias)));
    }
}
