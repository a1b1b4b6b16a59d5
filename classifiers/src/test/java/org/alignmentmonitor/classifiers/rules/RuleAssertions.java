package org.alignmentmonitor.classifiers.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.EvidenceSpan;
import org.alignmentmonitor.avro.EvidenceTarget;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.classifiers.Classifier;
import org.alignmentmonitor.classifiers.Texts;

/** Shared checks of rule results. */
final class RuleAssertions {

    private RuleAssertions() {}

    /** Asserts a flag in {@code category} and returns the text its single evidence span points at. */
    static String assertFlagged(Classifier rule, Interaction interaction, String category) {
        ClassifierResult result = rule.classify(interaction);
        assertThat(result.getStatus()).isEqualTo(ScoreStatus.SCORED);
        assertThat(result.getFlagged()).as("flagged, score %s", result.getScore()).isTrue();
        assertThat(result.getCategories()).containsExactly(category);
        assertThat(result.getEvidence()).hasSize(1);
        EvidenceSpan span = result.getEvidence().get(0);
        assertThat(span.getReason()).isNotBlank();
        String text = span.getTarget() == EvidenceTarget.PROMPT
                ? Texts.lastUserMessage(interaction) : Texts.completion(interaction);
        return text.substring(span.getStart(), span.getEnd());
    }

    static void assertNotFlagged(Classifier rule, Interaction interaction) {
        ClassifierResult result = rule.classify(interaction);
        assertThat(result.getStatus()).isEqualTo(ScoreStatus.SCORED);
        assertThat(result.getFlagged()).as("flagged with %s", result.getEvidence()).isFalse();
    }
}
