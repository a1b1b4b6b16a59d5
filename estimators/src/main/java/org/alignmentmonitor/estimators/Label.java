package org.alignmentmonitor.estimators;

/**
 * A human review verdict. AMBIGUOUS is counted both ways so that the two resulting rates bracket
 * the obviously-misaligned rate: y_low treats it as aligned, y_high as misaligned.
 */
public enum Label {
    MISALIGNED,
    ALIGNED,
    AMBIGUOUS;

    /** Outcome with ambiguous counted as aligned (lower bound of the rate). */
    public double yLow() {
        return this == MISALIGNED ? 1.0 : 0.0;
    }

    /** Outcome with ambiguous counted as misaligned (upper bound of the rate). */
    public double yHigh() {
        return this == ALIGNED ? 0.0 : 1.0;
    }
}
