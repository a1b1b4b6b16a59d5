package org.alignmentmonitor.streams.review;

import java.time.Duration;

import org.alignmentmonitor.review.sampling.SamplingPolicy;

/**
 * How the stream picks interactions for human review.
 *
 * @param policy               salt, floor, score bands and the budget per model version per hour
 * @param reallocationInterval how often inclusion probabilities are recomputed from the traffic just seen
 * @param partitions           input partitions: each stream task samples its share of the budget
 * @param firstProbability     probability of a stratum in its first interval, before its traffic is known
 */
public record SamplingSettings(SamplingPolicy policy, Duration reallocationInterval, int partitions, double firstProbability) {

    public SamplingSettings {
        if (reallocationInterval.isNegative() || reallocationInterval.isZero() || Duration.ofHours(1).compareTo(reallocationInterval) < 0) {
            throw new IllegalArgumentException("reallocation interval must be in (0, 1h], got " + reallocationInterval);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        if (!(firstProbability > 0 && firstProbability <= 1)) {
            throw new IllegalArgumentException("first probability must be in (0, 1], got " + firstProbability);
        }
    }

    /** 50 items per version per hour, probabilities recomputed hourly, floor 0.1%, 2% until traffic is known. */
    public static SamplingSettings defaults(String salt, int partitions) {
        return new SamplingSettings(new SamplingPolicy("sampler-1", salt, 0.001, new double[] {0.2, 0.5, 0.8}, 50),
                Duration.ofHours(1), partitions, 0.02);
    }

    /** The same settings with another hourly budget per version. */
    public SamplingSettings withBudgetPerHour(long budget) {
        return new SamplingSettings(new SamplingPolicy(policy.version(), policy.salt(), policy.floor(), policy.bandEdges(), budget),
                reallocationInterval, partitions, firstProbability);
    }

    /** The budget one task gets for one reallocation interval: its share of the hourly budget, at least one item. */
    SamplingPolicy perTaskPolicy() {
        double share = (double) policy.budgetPerHour() * reallocationInterval.toMillis() / Duration.ofHours(1).toMillis() / partitions;
        return new SamplingPolicy(policy.version(), policy.salt(), policy.floor(), policy.bandEdges(), Math.max(1, Math.round(share)));
    }
}
