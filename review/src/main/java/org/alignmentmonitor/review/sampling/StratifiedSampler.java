package org.alignmentmonitor.review.sampling;

import java.util.Map;

/**
 * Decides review inclusion from the hashed draw and the current probability of the interaction's
 * stratum. Probabilities come from {@link BudgetAllocator}; a stratum it has not seen yet gets the
 * floor, never zero.
 */
public final class StratifiedSampler {

    private final SamplingPolicy policy;
    private final Map<Stratum, Double> probabilities;

    public StratifiedSampler(SamplingPolicy policy, Map<Stratum, Double> probabilities) {
        this.policy = policy;
        this.probabilities = Map.copyOf(probabilities);
    }

    public Decision decide(String interactionId, String model, String version, double score, boolean flagged) {
        Stratum stratum = new Stratum(model, version, policy.band(score), flagged);
        double pi = Math.max(policy.floor(), Math.min(1.0, probabilities.getOrDefault(stratum, policy.floor())));
        double u = InclusionHash.uniform(policy.salt(), interactionId);
        return new Decision(u < pi, pi, stratum, u, policy.version());
    }
}
