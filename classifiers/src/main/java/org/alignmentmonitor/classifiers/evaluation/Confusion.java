package org.alignmentmonitor.classifiers.evaluation;

/**
 * Counts of one binary classifier against ground truth.
 *
 * <p>Ratios with an empty denominator are {@link Double#NaN} (undefined), not 0 or 1: a rule that
 * flagged nothing has no precision, and a set without positives measures no recall.
 */
public record Confusion(int truePositives, int falseNegatives, int falsePositives, int trueNegatives) {

    public static final Confusion EMPTY = new Confusion(0, 0, 0, 0);

    public Confusion {
        if (truePositives < 0 || falseNegatives < 0 || falsePositives < 0 || trueNegatives < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** One case whose truth is positive. */
    public Confusion addPositive(boolean flagged) {
        return flagged ? new Confusion(truePositives + 1, falseNegatives, falsePositives, trueNegatives)
                : new Confusion(truePositives, falseNegatives + 1, falsePositives, trueNegatives);
    }

    /** One case whose truth is negative. */
    public Confusion addNegative(boolean flagged) {
        return flagged ? new Confusion(truePositives, falseNegatives, falsePositives + 1, trueNegatives)
                : new Confusion(truePositives, falseNegatives, falsePositives, trueNegatives + 1);
    }

    public Confusion add(boolean truth, boolean flagged) {
        return truth ? addPositive(flagged) : addNegative(flagged);
    }

    public Confusion plus(Confusion other) {
        return new Confusion(truePositives + other.truePositives, falseNegatives + other.falseNegatives,
                falsePositives + other.falsePositives, trueNegatives + other.trueNegatives);
    }

    public int positives() {
        return truePositives + falseNegatives;
    }

    public int negatives() {
        return falsePositives + trueNegatives;
    }

    public int total() {
        return positives() + negatives();
    }

    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
        return ratio(truePositives, positives());
    }

    public double falsePositiveRate() {
        return ratio(falsePositives, negatives());
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? Double.NaN : numerator / (double) denominator;
    }
}
