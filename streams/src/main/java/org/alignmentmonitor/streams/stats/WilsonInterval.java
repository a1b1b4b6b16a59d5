package org.alignmentmonitor.streams.stats;

/**
 * Wilson score interval for a binomial proportion (Brown, Cai and DasGupta 2001): unlike the Wald
 * interval it keeps sensible coverage at the small rates this product watches.
 */
public record WilsonInterval(double lower, double upper) {

    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    /** Interval for {@code successes} of {@code trials}; 0 trials gives [0, 1]. */
    public static WilsonInterval of(long successes, long trials, double z) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + " of " + trials);
        }
        if (trials == 0) {
            return new WilsonInterval(0.0, 1.0);
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new WilsonInterval(Math.max(0.0, centre - half), Math.min(1.0, centre + half));
    }

    public static WilsonInterval of95(long successes, long trials) {
        return of(successes, trials, Z95);
    }
}
