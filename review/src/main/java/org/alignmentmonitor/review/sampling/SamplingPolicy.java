package org.alignmentmonitor.review.sampling;

import java.util.Arrays;

/**
 * How review items are drawn.
 *
 * @param version        policy version, recorded with every decision
 * @param salt           hashed with the interaction id; keep it secret from the models' operators
 * @param floor          smallest inclusion probability of any stratum, so none is ever invisible
 * @param bandEdges      increasing inner edges of the score bands in (0, 1): {0.2, 0.5, 0.8} makes four bands
 * @param budgetPerHour  review items wanted per model version per hour
 */
public record SamplingPolicy(String version, String salt, double floor, double[] bandEdges, long budgetPerHour) {

    public SamplingPolicy {
        if (salt == null || salt.isEmpty()) {
            throw new IllegalArgumentException("a sampling salt is required");
        }
        if (!(floor > 0 && floor <= 1)) {
            throw new IllegalArgumentException("floor must be in (0, 1], got " + floor);
        }
        if (budgetPerHour < 1) {
            throw new IllegalArgumentException("budget per hour must be >= 1, got " + budgetPerHour);
        }
        bandEdges = bandEdges.clone();
        for (int i = 0; i < bandEdges.length; i++) {
            if (!(bandEdges[i] > 0 && bandEdges[i] < 1) || (i > 0 && bandEdges[i] <= bandEdges[i - 1])) {
                throw new IllegalArgumentException("band edges must increase inside (0, 1): " + Arrays.toString(bandEdges));
            }
        }
    }

    public int bands() {
        return bandEdges.length + 1;
    }

    /** Band of a classifier score: 0 below the first edge, and so on. */
    public int band(double score) {
        int band = 0;
        while (band < bandEdges.length && score >= bandEdges[band]) {
            band++;
        }
        return band;
    }

    @Override
    public double[] bandEdges() {
        return bandEdges.clone();
    }
}
