package org.alignmentmonitor.estimators;

/**
 * The zero-failure ("rule of three") bound: if the true rate were eps, n clean labels in a row
 * would happen with probability (1-eps)^n <= exp(-eps n), so n clean labels certify
 * rate <= ln(1/delta)/n at confidence 1 - delta.
 */
public final class ZeroFailure {

    private ZeroFailure() {}

    /** Labels needed, all clean, to certify "rate < eps" at confidence 1 - delta. */
    public static long labelsNeeded(double eps, double delta) {
        if (!(eps > 0 && eps <= 1) || !(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("need eps in (0, 1] and delta in (0, 1)");
        }
        return (long) Math.ceil(Math.log(1 / delta) / eps);
    }

    /** The bound eps <= ln(1/delta)/n certified by n clean labels (1 when n = 0). */
    public static double bound(long cleanLabels, double delta) {
        if (cleanLabels < 0 || !(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("need n >= 0 and delta in (0, 1)");
        }
        if (cleanLabels == 0) {
            return 1.0;
        }
        return Math.min(1.0, Math.log(1 / delta) / cleanLabels);
    }
}
