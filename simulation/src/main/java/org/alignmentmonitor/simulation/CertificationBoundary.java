package org.alignmentmonitor.simulation;

import org.alignmentmonitor.estimators.BetaBinomialConfidenceSequence;
import org.alignmentmonitor.estimators.ClopperPearson;
import org.alignmentmonitor.estimators.EstimationOptions;

/**
 * For every number of labels t up to a horizon, the most failures S for which an upper bound
 * still certifies "rate < threshold". Every bound here grows with S, so "certified after t labels"
 * is exactly S_t <= boundary(t); tabulating that once from the real estimator code lets thousands
 * of runs be checked after every single label without recomputing an interval each time.
 */
public final class CertificationBoundary {

    /** An upper confidence bound after {@code failures} in {@code labels}. */
    @FunctionalInterface
    public interface UpperBound {
        double upper(long failures, long labels);
    }

    private final int[] maxFailures;

    private CertificationBoundary(int[] maxFailures) {
        this.maxFailures = maxFailures;
    }

    /** The anytime-valid beta-binomial confidence sequence of the estimators, at their options. */
    public static CertificationBoundary confidenceSequence(EstimationOptions o, double threshold, int horizon) {
        return of((s, t) -> BetaBinomialConfidenceSequence.interval(s, t, o.csPriorA(), o.csPriorB(), o.alpha()).upper(),
                threshold, horizon);
    }

    /** The one-sided Clopper-Pearson bound the estimators report for certification at a fixed n. */
    public static CertificationBoundary clopperPearson(double alpha, double threshold, int horizon) {
        return of((s, t) -> ClopperPearson.upper(s, t, alpha), threshold, horizon);
    }

    static CertificationBoundary of(UpperBound bound, double threshold, int horizon) {
        int[] max = new int[horizon + 1];
        max[0] = -1;
        int s = -1;
        for (int t = 1; t <= horizon; t++) {
            // The boundary moves by a step or two per label, so start from the last one.
            while (s + 1 <= t && bound.upper(s + 1, t) < threshold) {
                s++;
            }
            while (s >= 0 && !(bound.upper(s, t) < threshold)) {
                s--;
            }
            max[t] = s;
        }
        return new CertificationBoundary(max);
    }

    public int horizon() {
        return maxFailures.length - 1;
    }

    public boolean certifies(long failures, int labels) {
        return failures <= maxFailures[labels];
    }
}
