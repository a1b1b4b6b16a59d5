package org.alignmentmonitor.monitor.review;

/** What a review user may do: labellers label; leads also adjudicate and see the quality figures. */
public enum Role {
    LABELLER, LEAD
}
