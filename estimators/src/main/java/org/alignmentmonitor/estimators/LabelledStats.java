package org.alignmentmonitor.estimators;

/**
 * The sufficient statistics for one binary outcome (y_low or y_high) of one bucket.
 *
 * <p>{@code labelled} and {@code positives} are the raw counts behind Wilson, Clopper-Pearson,
 * the zero-failure bound and the confidence sequence. {@code moments} holds a = f,
 * b = xi*y/pi, c = xi*f/pi over ALL items of the bucket (unlabelled items contribute
 * (f, 0, 0)), from which the inverse-probability-weighted rate (mean b) and the
 * active-inference estimate for any lambda follow.
 */
public record LabelledStats(long labelled, long positives, CoMoments moments) {

    public static final LabelledStats EMPTY = new LabelledStats(0, 0, CoMoments.EMPTY);

    /** An unlabelled item: it still counts in N and in the classifier term. */
    public LabelledStats addUnlabelled(double score) {
        return new LabelledStats(labelled, positives, moments.add(score, 0.0, 0.0));
    }

    /** A labelled item with outcome y in {0, 1}, sampled for review with probability pi. */
    public LabelledStats addLabelled(double score, double y, double pi) {
        if (!(pi > 0 && pi <= 1)) {
            throw new IllegalArgumentException("inclusion probability must be in (0, 1], got " + pi);
        }
        if (y != 0.0 && y != 1.0) {
            throw new IllegalArgumentException("outcome must be 0 or 1, got " + y);
        }
        return new LabelledStats(labelled + 1, positives + (y == 1.0 ? 1 : 0),
                moments.add(score, y / pi, score / pi));
    }

    public LabelledStats merge(LabelledStats other) {
        return new LabelledStats(labelled + other.labelled, positives + other.positives,
                moments.merge(other.moments));
    }

    /** Horvitz-Thompson rate (1/N) sum xi*y/pi, unbiased under known pi; NaN when N = 0. */
    public double ipwRate() {
        return moments.n() == 0 ? Double.NaN : moments.meanB();
    }
}
