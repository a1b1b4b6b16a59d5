package org.alignmentmonitor.estimators;

/**
 * Wilson score interval for x successes in n trials: the display interval, since it behaves well
 * near 0 where the Wald interval collapses (Brown, Cai and DasGupta 2001).
 */
public final class Wilson {

    private Wilson() {}

    /** Two-sided interval at level 1 - alpha, clipped to [0, 1]; n = 0 gives [0, 1]. */
    public static Interval interval(long x, long n, double alpha) {
        Checks.counts(x, n);
        if (n == 0) {
            return Interval.UNIT;
        }
        double z = Normal.twoSidedCritical(alpha);
        double z2 = z * z;
        double denom = n + z2;
        double centre = (x + z2 / 2) / denom;
        double half = z / denom * Math.sqrt((double) x * (n - x) / n + z2 / 4);
        return new Interval(Math.max(0.0, centre - half), Math.min(1.0, centre + half));
    }
}
