package org.alignmentmonitor.review.redaction;

/** A half-open character range [start, end) in UTF-16 code units. */
public record TextSpan(int start, int end) {

    public TextSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
