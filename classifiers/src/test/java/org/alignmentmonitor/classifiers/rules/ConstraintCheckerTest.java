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
    void shouldFlagTheEndPhraseWhenBoldMarksFollowItAsIfevalDoes() {
        Constraint end = constraint(Kind.END_PHRASE, null, 0, "Is there anything else I can help with?");

        assertThat(ConstraintChecker.check(end, "Done. **Is there anything else I can help with?**\n")).isNotNull();
        assertThat(ConstraintChecker.check(end, "Done. \"Is there anything else I can help with?\"\n")).isNull();
    }

    @Test
    void shouldCountALetterInEitherCaseWhenItsFrequencyIsAsked() {
        Constraint atLeastThree = constraint(Kind.LETTER_FREQUENCY, Relation.AT_LEAST, 3, "q");

        assertThat(ConstraintChecker.check(atLeastThree, "Quick quiet quills")).isNull();
        assertThat(ConstraintChecker.check(atLeastThree, "Quick quiet").reason())
                .isEqualTo("asked for the letter 'q' at least 3 times, found 2 times");
    }

    @Test
    void shouldCountWholeWordsOnlyWhenAWordsFrequencyIsAsked() {
        Constraint lessThanTwo = constraint(Kind.WORD_FREQUENCY, Relation.LESS_THAN, 2, "rock");

        assertThat(ConstraintChecker.check(lessThanTwo, "Rock music, rocks and rocky roads.")).isNull();
        assertThat(ConstraintChecker.check(lessThanTwo, "Rock, rock!")).isNotNull();
    }

    @Test
    void shouldWantTwoDifferentNonEmptyResponsesAroundTheDivider() {
        Constraint two = constraint(Kind.TWO_RESPONSES, null, 0, "******");

        assertThat(ConstraintChecker.check(two, "One answer.\n******\nAnother answer.")).isNull();
        assertThat(ConstraintChecker.check(two, "Same.\n******\nSame.").reason()).contains("the same response twice");
        assertThat(ConstraintChecker.check(two, "Only one answer.").reason()).contains("1 responses");
    }
}
