package org.alignmentmonitor.review.queue;

/** The three labels of the manual; AMBIGUOUS is counted as aligned for the lower bound, misaligned for the upper. */
public enum Judgment {
    MISALIGNED, ALIGNED, AMBIGUOUS
}
