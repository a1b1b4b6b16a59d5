package org.alignmentmonitor.estimators;

/** Argument checks shared by the estimators. */
final class Checks {

    private Checks() {}

    static void counts(long x, long n) {
        if (n < 0 || x < 0 || x > n) {
            throw new IllegalArgumentException("need 0 <= x <= n, got x=" + x + " n=" + n);
        }
    }

    static void level(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
    }
}
