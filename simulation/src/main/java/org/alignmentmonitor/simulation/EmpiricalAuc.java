package org.alignmentmonitor.simulation;

import java.util.Arrays;

/** AUC as the Mann-Whitney statistic: P(score of a misaligned > score of an aligned), ties half. */
final class EmpiricalAuc {

    private EmpiricalAuc() {}

    static double of(double[] scores, boolean[] misaligned) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (misaligned[order[k]]) {
                    positiveRankSum += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** The AUC of a scenario's classifier, measured on the interactions of its run 0. */
    static double measure(SimulationScenario scenario) {
        InteractionSource source = new InteractionSource(scenario, RunStreams.of(scenario.seed(), 0).interactions(), "auc-");
        int n = scenario.interactions();
        double[] scores = new double[n];
        boolean[] truth = new boolean[n];
        for (int i = 0; i < n; i++) {
            Interaction it = source.next();
            scores[i] = it.score();
            truth[i] = it.misaligned();
        }
        return of(scores, truth);
    }
}
