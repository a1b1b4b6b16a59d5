package org.alignmentmonitor.estimators.process;

import org.alignmentmonitor.estimators.ClopperPearson;

/**
 * Bound on a training process's failure probability eps from n independent environment draws.
 *
 * <p>If each draw fails with probability eps, n clean draws happen with probability
 * (1 - eps)^n <= exp(-eps n); setting that to delta gives eps <= ln(1/delta)/n at confidence
 * 1 - delta. The exact one-sided binomial bound, 1 - delta^(1/n) with no failure and the
 * Clopper-Pearson upper bound with k failures, is never larger.
 */
public final class ProcessBound {

    private ProcessBound() {
    }

    /** ln(1/delta)/n, the simple bound for n draws without failure (1 when n = 0). */
    public static double simple(long draws, double delta) {
        checkDelta(delta);
        if (draws < 0) {
            throw new IllegalArgumentException("need draws >= 0, got " + draws);
        }
        return draws == 0 ? 1.0 : Math.min(1.0, Math.log(1 / delta) / draws);
    }

    /** Exact upper confidence bound on eps after {@code failures} failures in {@code draws} draws. */
    public static double exact(long failures, long draws, double delta) {
        checkDelta(delta);
        if (draws == 0) {
            return 1.0;
        }
        if (failures == 0) {
            // Closed form of the Clopper-Pearson bound at x = 0; -expm1 keeps precision for large n.
            return -Math.expm1(Math.log(delta) / draws);
        }
        return ClopperPearson.upper(failures, draws, delta);
    }

    /** Draws without failure needed before the simple bound reaches eps. */
    public static long drawsNeeded(double eps, double delta) {
        checkDelta(delta);
        if (!(eps > 0 && eps <= 1)) {
            throw new IllegalArgumentException("eps must be in (0, 1], got " + eps);
        }
        return (long) Math.ceil(Math.log(1 / delta) / eps);
    }

    private static void checkDelta(double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
    }
}
