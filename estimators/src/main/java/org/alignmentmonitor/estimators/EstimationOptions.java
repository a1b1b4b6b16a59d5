package org.alignmentmonitor.estimators;

/**
 * @param alpha  two-sided level of every interval (one-sided bounds use 1 - alpha)
 * @param csPriorA Beta(a, b) mixing prior of the confidence sequence; any prior keeps it valid,
 * @param csPriorB the prior only decides where it is tightest (the default mean ~1% suits rare failures)
 */
public record EstimationOptions(double alpha, double csPriorA, double csPriorB) {

    public static final EstimationOptions DEFAULT = new EstimationOptions(0.05, 0.5, 50.0);

    public EstimationOptions {
        Checks.level(alpha);
        if (!(csPriorA > 0) || !(csPriorB > 0)) {
            throw new IllegalArgumentException("confidence-sequence prior parameters must be > 0");
        }
    }

    public static EstimationOptions withAlpha(double alpha) {
        return new EstimationOptions(alpha, DEFAULT.csPriorA, DEFAULT.csPriorB);
    }
}
