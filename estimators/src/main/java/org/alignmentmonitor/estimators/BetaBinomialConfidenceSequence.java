package org.alignmentmonitor.estimators;

/**
 * Anytime-valid confidence sequence for a Bernoulli rate from the beta-binomial mixture
 * martingale (Howard et al. 2021). With a Beta(a, b) mixing prior, the mixture likelihood ratio
 * against p is B(a+S, b+t-S) / (B(a, b) p^S (1-p)^(t-S)); by Ville's inequality it exceeds
 * 1/alpha at any time with probability at most alpha, so the set
 * { p : ln B(a+S, b+t-S) - ln B(a,b) - S ln p - (t-S) ln(1-p) < ln(1/alpha) }
 * may be checked after every label without inflating false alarms.
 */
public final class BetaBinomialConfidenceSequence {

    private BetaBinomialConfidenceSequence() {}

    /** ln of the mixture likelihood ratio against p, minus ln(1/alpha): p is in the set iff this is < 0. */
    public static double statistic(long failures, long trials, double a, double b, double alpha, double p) {
        long s = failures;
        long f = trials - failures;
        double logLik = (s == 0 ? 0.0 : s * Math.log(p)) + (f == 0 ? 0.0 : f * Math.log1p(-p));
        return SpecialFunctions.logBeta(a + s, b + f) - SpecialFunctions.logBeta(a, b)
                - logLik - Math.log(1 / alpha);
    }

    /** Whether p lies in the confidence set after {@code failures} in {@code trials} labels. */
    public static boolean contains(long failures, long trials, double a, double b, double alpha, double p) {
        Checks.counts(failures, trials);
        return statistic(failures, trials, a, b, alpha, p) < 0;
    }

    /**
     * The ends of the set (it is an interval: the statistic is convex in p and negative at the
     * maximum-likelihood point S/t). Lower is 0 when S = 0 and upper is 1 when S = t.
     */
    public static Interval interval(long failures, long trials, double a, double b, double alpha) {
        Checks.counts(failures, trials);
        Checks.level(alpha);
        if (!(a > 0) || !(b > 0)) {
            throw new IllegalArgumentException("prior parameters must be > 0");
        }
        if (trials == 0) {
            return Interval.UNIT;
        }
        double mle = (double) failures / trials;
        double lower = failures == 0 ? 0.0 : root(failures, trials, a, b, alpha, 0.0, mle, true);
        double upper = failures == trials ? 1.0 : root(failures, trials, a, b, alpha, mle, 1.0, false);
        return new Interval(lower, upper);
    }

    /**
     * Bisection for the boundary in (lo, hi): the statistic is >= 0 outside the set and < 0
     * inside. Bisection (never Newton) because it is robust at the log singularities at 0 and 1
     * and never evaluates the endpoints themselves.
     */
    private static double root(long s, long t, double a, double b, double alpha,
                               double lo, double hi, boolean lowerEnd) {
        for (int i = 0; i < 200 && hi - lo > 1e-17; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            boolean inside = statistic(s, t, a, b, alpha, mid) < 0;
            // Lower end: inside points lie to the right; upper end: to the left.
            if (inside == lowerEnd) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
