package org.alignmentmonitor.alerts;

/** Which counts of an {@link Observation} a rule reads. */
public enum Series {
    /** Classifier-flagged interactions over all traffic. */
    FLAGGED("flagged"),
    /** Human-labelled misaligned over labelled items, ambiguous counted as aligned (the lower bound). */
    MISALIGNED_LOW("misaligned_low"),
    /** Human-labelled misaligned over labelled items, ambiguous counted as misaligned (the upper bound). */
    MISALIGNED_HIGH("misaligned_high");

    private final String yamlName;

    Series(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in rule files. */
    public String yamlName() {
        return yamlName;
    }
}
