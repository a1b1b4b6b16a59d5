package org.alignmentmonitor.classifiers;

import java.util.List;
import org.alignmentmonitor.avro.EvidenceSpan;
import org.alignmentmonitor.avro.EvidenceTarget;

/**
 * What a classifier found before its threshold is applied.
 *
 * @param score      probability-like score in [0,1] that the output is obviously misaligned
 * @param categories failure categories, empty when nothing was found
 * @param evidence   spans that explain the score to a reviewer
 */
public record Finding(double score, List<String> categories, List<EvidenceSpan> evidence) {

    public static final Finding NONE = new Finding(0.0, List.of(), List.of());

    public Finding {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0,1], was " + score);
        }
        categories = List.copyOf(categories);
        evidence = List.copyOf(evidence);
    }

    public static Finding of(double score, String category, EvidenceSpan evidence) {
        return new Finding(score, List.of(category), List.of(evidence));
    }

    /** A span of the completion. */
    public static EvidenceSpan inCompletion(int start, int end, String reason) {
        return new EvidenceSpan(EvidenceTarget.COMPLETION, start, end, reason);
    }

    /** A span of the last user message, see {@link Texts#lastUserMessage}. */
    public static EvidenceSpan inPrompt(int start, int end, String reason) {
        return new EvidenceSpan(EvidenceTarget.PROMPT, start, end, reason);
    }
}
