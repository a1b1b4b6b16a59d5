package org.alignmentmonitor.review.sampling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Inclusion probabilities for the next period from the traffic of the last one, per model version:
 * the budget is spread over strata in proportion to traffic times expected classifier error
 * (sqrt(f(1-f)) of the stratum's mean score, plus a little so confident strata still get labels:
 * active sampling), every probability is kept between the floor and 1, and what clamping frees is
 * given to the strata still below 1 (water-filling), so the expected number of items meets the
 * budget whenever the floor allows.
 */
public final class BudgetAllocator {

    /** Error weight every stratum keeps, so a classifier that is sure is still checked. */
    private static final double BASE_WEIGHT = 0.05;

    private final SamplingPolicy policy;

    public BudgetAllocator(SamplingPolicy policy) {
        this.policy = policy;
    }

    /** Traffic of one stratum in the last period: how many interactions and their mean classifier score. */
    public record StratumTraffic(Stratum stratum, long interactions, double meanScore) {
    }

    public Map<Stratum, Double> allocate(List<StratumTraffic> lastPeriod) {
        Map<Stratum, Double> out = new HashMap<>();
        Map<String, List<StratumTraffic>> byVersion = lastPeriod.stream()
                .filter(t -> t.interactions() > 0)
                .collect(Collectors.groupingBy(t -> t.stratum().versionKey()));
        byVersion.values().forEach(strata -> out.putAll(allocateVersion(strata)));
        return out;
    }

    private Map<Stratum, Double> allocateVersion(List<StratumTraffic> strata) {
        Map<Stratum, Double> pi = new HashMap<>();
        double budget = policy.budgetPerHour();
        // Water-filling: strata pinned at 1 or at the floor leave the pool; the rest share what is left.
        Map<Stratum, StratumTraffic> open = new HashMap<>();
        strata.forEach(t -> open.put(t.stratum(), t));
        boolean changed = true;
        while (changed && !open.isEmpty()) {
            changed = false;
            double weighted = open.values().stream().mapToDouble(t -> t.interactions() * weight(t)).sum();
            double remaining = budget - pi.entrySet().stream()
                    .mapToDouble(e -> e.getValue() * traffic(strata, e.getKey())).sum();
            for (StratumTraffic t : List.copyOf(open.values())) {
                double p = Math.max(0, remaining) * weight(t) / weighted;
                if (p >= 1 || p <= policy.floor()) {
                    pi.put(t.stratum(), p >= 1 ? 1.0 : policy.floor());
                    open.remove(t.stratum());
                    changed = true;
                }
            }
            if (!changed) {
                open.values().forEach(t -> pi.put(t.stratum(), Math.max(0, remaining) * weight(t) / weighted));
            }
        }
        return pi;
    }

    private static long traffic(List<StratumTraffic> strata, Stratum stratum) {
        return strata.stream().filter(t -> t.stratum().equals(stratum)).mapToLong(StratumTraffic::interactions).sum();
    }

    private static double weight(StratumTraffic t) {
        double f = Math.min(1, Math.max(0, t.meanScore()));
        return Math.sqrt(f * (1 - f)) + BASE_WEIGHT;
    }
}
