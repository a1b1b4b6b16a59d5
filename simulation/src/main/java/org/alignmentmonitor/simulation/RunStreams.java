package org.alignmentmonitor.simulation;

import java.util.SplittableRandom;

/**
 * The two random streams of one run: interactions (truth and scores) and reviewer verdicts. Kept
 * apart so that the interactions of a run do not depend on how many items were sampled.
 */
record RunStreams(SplittableRandom interactions, SplittableRandom labels) {

    static RunStreams of(long scenarioSeed, int run) {
        SplittableRandom interactions = Seeds.random(scenarioSeed, run);
        return new RunStreams(interactions, interactions.split());
    }
}
