package org.alignmentmonitor.estimators;

/**
 * Active statistical inference (Zrnic and Candes 2024) with PPI++ power tuning (Angelopoulos,
 * Duchi and Zrnic 2023): each of N items gives z = lam*f + (y - lam*f)*xi/pi, an unbiased
 * estimate of the rate for every fixed lam because E[xi/pi] = 1. With a = f, b = xi*y/pi,
 * c = xi*f/pi this is z = b + lam*(a - c), so its mean and variance come from the merged
 * co-moments of (a, b, c) alone.
 */
public final class ActiveInference {

    private ActiveInference() {}

    /**
     * The variance-minimising lam = -cov(b, a-c) / var(a-c) (ddof cancels), not clipped: the
     * estimate stays unbiased for any lam (up to the plug-in of lam, negligible at these N).
     * 0 when a - c has no variance (nothing to gain from the classifier).
     */
    public static double tunedLambda(CoMoments m) {
        double varD = m.caa() - 2 * m.cac() + m.ccc();
        double covBD = m.cab() - m.cbc();
        if (!(varD > 0)) {
            return 0.0;
        }
        return -covBD / varD;
    }

    /** Estimate mean(z) with interval -+ z_{1-alpha/2} sd(z, ddof 1)/sqrt(N) for a fixed lam. */
    public static PpiEstimate estimate(CoMoments m, double lam, double alpha) {
        Checks.level(alpha);
        long n = m.n();
        if (n == 0) {
            return new PpiEstimate(lam, Double.NaN, Double.NaN, 0.0, 1.0);
        }
        double mean = m.meanB() + lam * (m.meanA() - m.meanC());
        // Sum of squared deviations of z = b + lam*d, d = a - c.
        double ss = m.cbb() + 2 * lam * (m.cab() - m.cbc())
                + lam * lam * (m.caa() - 2 * m.cac() + m.ccc());
        double se = n < 2 ? Double.NaN : Math.sqrt(Math.max(0.0, ss) / (n - 1)) / Math.sqrt(n);
        return PpiEstimate.of(lam, mean, se, alpha);
    }

    public static PpiEstimate tuned(CoMoments m, double alpha) {
        return estimate(m, tunedLambda(m), alpha);
    }
}
