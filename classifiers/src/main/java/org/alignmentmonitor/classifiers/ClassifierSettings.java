package org.alignmentmonitor.classifiers;

/**
 * Per-classifier configuration.
 *
 * @param enabled   whether the classifier runs at all
 * @param threshold score at or above which a result is flagged, in [0,1]
 */
public record ClassifierSettings(boolean enabled, double threshold) {

    public static final double DEFAULT_THRESHOLD = 0.5;

    public ClassifierSettings {
        requireValidThreshold(threshold);
    }

    public static double requireValidThreshold(double threshold) {
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("threshold must be in [0,1], was " + threshold);
        }
        return threshold;
    }

    /** Enabled, flagging at {@code threshold}. */
    public static ClassifierSettings withThreshold(double threshold) {
        return new ClassifierSettings(true, threshold);
    }

    /** Enabled, flagging at {@value #DEFAULT_THRESHOLD}. */
    public static ClassifierSettings defaults() {
        return withThreshold(DEFAULT_THRESHOLD);
    }
}
