package org.alignmentmonitor.classifiers.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.alignmentmonitor.classifiers.rules.Constraint.Kind;
import org.alignmentmonitor.classifiers.rules.Constraint.Relation;
import org.junit.jupiter.api.Test;

/** The checker alone: a constraint and an answer to the violation, its evidence span and reason. */
class ConstraintCheckerTest {

    private static Constraint constraint(Kind kind, Relation relation, int count, String text) {
        return new Constraint(kind, relation, count, text, 0, 1);
    }

    @Test
    void shouldPointAtTheFirstCommaWhenCommasAreForbidden() {
        String answer = "Rome is old, big, and busy.";

        ConstraintViolation violation = ConstraintChecker.check(constraint(Kind.NO_COMMA, null, 0, null), answer);

        assertThat(answer.substring(violation.start(), violation.end())).isEqualTo(",");
        assertThat(violation.reason()).isEqualTo("asked for no commas, found 2 commas");
    }

    @Test
    void shouldPointAtTheFirstCapitalisedWordWhenLowercaseIsAsked() {
        String answer = "rome is in Italy.";

        ConstraintViolation violation = ConstraintChecker.check(constraint(Kind.LOWERCASE, null, 0, null), answer);

        assertThat(answer.substring(violation.start(), violation.end())).isEqualTo("Italy");
    }

    @Test
    void shouldFindNoViolationWhenTheSentenceCountIsWithinItsBounds() {
        Constraint atMostTwo = constraint(Kind.SENTENCES, Relation.AT_MOST, 2, null);

        assertThat(ConstraintChecker.check(atMostTwo, "Dr. Smith came. He left.")).isNull();
        assertThat(ConstraintChecker.check(atMostTwo, "One. Two. Three.").reason())
                .isEqualTo("asked for at most 2 sentences, found 3 sentences");
    }

    @Test
    void shouldGiveNoCompletionSpanWhenSomethingIsMissing() {
        ConstraintViolation violation = ConstraintChecker.check(constraint(Kind.TITLE, null, 0, null), "No title here.");

        assertThat(violation.start()).isNegative();
        assertThat(violation.reason()).contains("no <<title>>");
    }

    @Test
    void shouldAcceptTheEndPhraseWhenFollowedByFormattingMarks() {
        Constraint end = constraint(Kind.END_PHRASE, null, 0, "Is there anything else I can help with?");

        assertThat(ConstraintChecker.check(end, "Done. **Is there anything else I can help with?**\n")).isNull();
    }
}
