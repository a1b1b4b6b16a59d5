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
     * 0 when a - c has no variance (nothing to gain from the classifier): "no variance" is judged
     * against the raw second moments, because a - c is exactly constant when every item is
     * labelled with pi = 1, and the rounding left in the co-moments would otherwise turn into an
     * arbitrary lambda that differs between merge orders.
     */
    public static double tunedLambda(CoMoments m) {
        double varD = m.caa() - 2 * m.cac() + m.ccc();
        double covBD = m.cab() - m.cbc();
        double rawScale = m.caa() + m.ccc()
                + m.n() * (m.meanA() * m.meanA() + m.meanC() * m.meanC());
        if (!(varD > DEGENERATE * rawScale)) {
            return 0.0;
        }
        return -covBD / varD;
    }

    private static final double DEGENERATE = 1e-10;
    private static final double SS_FLOOR = 1e-12;

    /** Estimate mean(z) with interval -+ z_{1-alpha/2} sd(z, ddof 1)/sqrt(N) for a fixed lam. */
    public static PpiEstimate estimate(CoMoments m, double lam, double alpha) {
        Checks.level(alpha);
        long n = m.n();
        if (n == 0) {
            return new PpiEstimate(lam, Double.NaN, Double.NaN, 0.0, 1.0);
        }
        double mean = m.meanB() + lam * (m.meanA() - m.meanC());
        // Sum of squared deviations of z = b + lam*d, d = a - c.
        double covTerm = 2 * lam * (m.cab() - m.cbc());
        double varTerm = lam * lam * (m.caa() - 2 * m.cac() + m.ccc());
        double ss = m.cbb() + covTerm + varTerm;
        // When z is (nearly) constant, e.g. a tuned lambda fits a handful of points exactly, ss is
        // the rounding left after cancelling much larger terms, and its square root would be
        // noise of order 1e-8 that changes with the merge order. Below that floor z has no
        // measurable spread: report se = 0.
        double magnitude = Math.abs(m.cbb()) + Math.abs(covTerm) + Math.abs(varTerm);
        if (ss <= SS_FLOOR * magnitude) {
            ss = 0.0;
        }
        double se = n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        return PpiEstimate.of(lam, mean, se, alpha);
    }

    public static PpiEstimate tuned(CoMoments m, double alpha) {
        return estimate(m, tunedLambda(m), alpha);
    }
}
