package org.alignmentmonitor.simulation;

import java.util.List;

/**
 * How review items are chosen, always through the real {@code StratifiedSampler}.
 *
 * @param active    false: every interaction has the same probability budget / N (the sampler's
 *                  floor, with no stratum probabilities); true: the real {@code BudgetAllocator}
 *                  spreads the budget over score bands from a pilot period of traffic
 * @param budget    expected labels per run
 * @param floor     smallest inclusion probability of an active design
 * @param bandEdges inner edges of the score bands of an active design
 */
public record SamplingDesign(boolean active, long budget, double floor, List<Double> bandEdges) {

    /** Finer bands at low scores, where rare failures put almost all the traffic. */
    public static final List<Double> RARE_EVENT_BANDS = List.of(0.01, 0.03, 0.1, 0.3, 0.5, 0.8);

    public SamplingDesign {
        bandEdges = List.copyOf(bandEdges);
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be >= 1, got " + budget);
        }
    }

    public static SamplingDesign uniform(long budget) {
        return new SamplingDesign(false, budget, 0, List.of());
    }

    public static SamplingDesign active(long budget, double floor) {
        return new SamplingDesign(true, budget, floor, RARE_EVENT_BANDS);
    }

    public String describe() {
        return active
                ? "active (BudgetAllocator, floor " + floor + ", bands " + bandEdges + ")"
                : "uniform";
    }
}
