package org.alignmentmonitor.review.redaction;

import java.util.List;

/**
 * Redacted text plus the replacements made, so offsets into the original map onto the redacted text: a span that
 * touches a redacted range grows to cover its whole placeholder, the rest shift by the length changes before them.
 */
public record Redacted(String text, List<Replacement> replacements) {

    public Redacted {
        replacements = List.copyOf(replacements);
    }

    /**
     * @param start, end       the range in the original text
     * @param newStart, newEnd the placeholder's range in the redacted text
     */
    public record Replacement(PiiKind kind, int start, int end, int newStart, int newEnd) {
    }

    /** The span in the redacted text, clipped to it. */
    public TextSpan map(TextSpan original) {
        int start = mapStart(original.start());
        int end = Math.max(start, mapEnd(original.end()));
        return new TextSpan(Math.min(start, text.length()), Math.min(end, text.length()));
    }

    private int mapStart(int p) {
        int shift = 0;
        for (Replacement r : replacements) {
            if (p < r.start()) {
                break;
            }
            if (p < r.end()) {
                return r.newStart();
            }
            shift = r.newEnd() - r.end();
        }
        return p + shift;
    }

    private int mapEnd(int p) {
        int shift = 0;
        for (Replacement r : replacements) {
            if (p <= r.start()) {
                break;
            }
            if (p <= r.end()) {
                return r.newEnd();
            }
            shift = r.newEnd() - r.end();
        }
        return p + shift;
    }
}
