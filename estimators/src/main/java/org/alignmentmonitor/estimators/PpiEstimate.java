package org.alignmentmonitor.estimators;

/** A prediction-powered (or labels-only, lam = 0) estimate with its normal-theory interval. */
public record PpiEstimate(double lam, double estimate, double se, double lower, double upper) {

    static PpiEstimate of(double lam, double estimate, double se, double alpha) {
        double z = Normal.twoSidedCritical(alpha);
        return new PpiEstimate(lam, estimate, se, estimate - z * se, estimate + z * se);
    }

    public Interval interval() {
        return new Interval(lower, upper);
    }
}
