package org.alignmentmonitor.estimators;

/**
 * Count, mean and sum of squared deviations (M2) of a score, merged with the pairwise update of
 * Chan, Golub and LeVeque: sums of squares would cancel catastrophically for scores near a
 * constant, the centred form does not.
 */
public record ScoreMoments(long count, double mean, double m2) {

    public static final ScoreMoments EMPTY = new ScoreMoments(0, 0.0, 0.0);

    public static ScoreMoments of(double x) {
        return new ScoreMoments(1, x, 0.0);
    }

    /** From a count, a sum and a sum of squares (see {@link CoMoments#fromPowerSums} on precision). */
    public static ScoreMoments fromPowerSums(long n, double sum, double sumSquares) {
        return n == 0 ? EMPTY : new ScoreMoments(n, sum / n, Math.max(0, sumSquares - sum * sum / n));
    }

    public ScoreMoments add(double x) {
        return merge(of(x));
    }

    public ScoreMoments merge(ScoreMoments other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        long n = count + other.count;
        double delta = other.mean - mean;
        // Weighted form of the mean so that a.merge(b) and b.merge(a) agree bit for bit.
        double newMean = (count * mean + other.count * other.mean) / n;
        double newM2 = m2 + other.m2 + delta * delta * ((double) count * other.count / n);
        return new ScoreMoments(n, newMean, newM2);
    }

    /** Population variance (ddof 0); NaN when empty. */
    public double variancePopulation() {
        return count == 0 ? Double.NaN : m2 / count;
    }

    /** Sample variance (ddof 1); NaN below two observations. */
    public double varianceSample() {
        return count < 2 ? Double.NaN : m2 / (count - 1);
    }

    public double sum() {
        return mean * count;
    }
}
