package org.alignmentmonitor.classifiers.evaluation;

import java.util.Locale;

/**
 * A count out of a total with its Wilson score 95% interval: the interval stays inside [0, 1] and
 * is honest for the small counts a labelled set gives (a Wald interval collapses to a point at 0 or n).
 */
public record Proportion(int hits, int total) {

    /** The 97.5% quantile of the standard normal distribution. */
    static final double Z = 1.959963984540054;

    public Proportion {
        if (hits < 0 || total < 0 || hits > total) {
            throw new IllegalArgumentException("need 0 <= hits <= total, got " + hits + "/" + total);
        }
    }

    public static final Proportion EMPTY = new Proportion(0, 0);

    /** This proportion with one more case, a hit or not. */
    public Proportion add(boolean hit) {
        return new Proportion(hits + (hit ? 1 : 0), total + 1);
    }

    /** hits / total; NaN when there is nothing to count. */
    public double value() {
        return total == 0 ? Double.NaN : hits / (double) total;
    }

    /** The lower bound; exactly 0 with no hit, where the formula leaves a rounding error. */
    public double low() {
        if (total == 0) {
            return Double.NaN;
        }
        return hits == 0 ? 0.0 : Math.max(0.0, center() - halfWidth());
    }

    /** The upper bound; exactly 1 when every case is a hit. */
    public double high() {
        if (total == 0) {
            return Double.NaN;
        }
        return hits == total ? 1.0 : Math.min(1.0, center() + halfWidth());
    }

    private double center() {
        double p = value();
        return (p + Z * Z / (2.0 * total)) / (1 + Z * Z / total);
    }

    private double halfWidth() {
        double p = value();
        return Z / (1 + Z * Z / total) * Math.sqrt(p * (1 - p) / total + Z * Z / (4.0 * total * total));
    }

    /** {@code 0.412 [0.331, 0.498] (40/97)}, or {@code n/a (0/0)}. */
    public String format() {
        if (total == 0) {
            return "n/a (0/0)";
        }
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f] (%d/%d)", value(), low(), high(), hits, total);
    }
}
