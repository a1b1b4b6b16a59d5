package org.alignmentmonitor.estimators;

/**
 * Clopper-Pearson "exact" interval: the certification interval, because its coverage is at least
 * the nominal level for every true rate and n (it is conservative, never anti-conservative).
 */
public final class ClopperPearson {

    private ClopperPearson() {}

    /**
     * Two-sided interval at level 1 - alpha: lower = Beta^-1(alpha/2; x, n-x+1) (0 when x = 0),
     * upper = Beta^-1(1-alpha/2; x+1, n-x) (1 when x = n).
     */
    public static Interval interval(long x, long n, double alpha) {
        Checks.counts(x, n);
        Checks.level(alpha);
        if (n == 0) {
            return Interval.UNIT;
        }
        double lower = x == 0 ? 0.0 : SpecialFunctions.inverseRegularizedBeta(alpha / 2, x, n - x + 1);
        double upper = x == n ? 1.0 : SpecialFunctions.inverseRegularizedBeta(1 - alpha / 2, x + 1, n - x);
        return new Interval(lower, upper);
    }

    /** One-sided upper bound at level 1 - alpha: Beta^-1(1-alpha; x+1, n-x), 1 when x = n. */
    public static double upper(long x, long n, double alpha) {
        Checks.counts(x, n);
        Checks.level(alpha);
        if (x == n) {
            return 1.0;
        }
        return SpecialFunctions.inverseRegularizedBeta(1 - alpha, x + 1, n - x);
    }
}
