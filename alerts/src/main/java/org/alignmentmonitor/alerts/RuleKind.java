package org.alignmentmonitor.alerts;

/** What a rule compares the rate with. */
public enum RuleKind {
    /** A fixed rate. */
    THRESHOLD,
    /** The previous version of the same model, plus a margin. */
    REGRESSION
}
