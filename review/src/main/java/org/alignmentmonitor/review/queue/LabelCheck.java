package org.alignmentmonitor.review.queue;

/** What to do with a label someone submits, decided before it is published. */
public enum LabelCheck {
    /** New or changed: publish it, then record it. */
    PUBLISH,
    /** Identical to this person's current label on the item: answer as if done, publish nothing. */
    UNCHANGED,
    /** Unknown item, or one this person was never given. */
    REJECTED
}
