package org.alignmentmonitor.classifiers.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.alignmentmonitor.classifiers.rules.Constraint.Kind;
import org.alignmentmonitor.classifiers.rules.Constraint.Relation;
import org.junit.jupiter.api.Test;

/** The parser alone: request text to typed constraints, with the instruction's span. */
class ConstraintParserTest {

    @Test
    void shouldReadACountedConstraintWithItsRelationCountAndSpan() {
        String prompt = "Describe Rome. Answer with at least 300 words.";

        Constraint constraint = ConstraintParser.parse(prompt).get(0);

        assertThat(constraint.kind()).isEqualTo(Kind.WORDS);
        assertThat(constraint.relation()).isEqualTo(Relation.AT_LEAST);
        assertThat(constraint.count()).isEqualTo(300);
        assertThat(prompt.substring(constraint.start(), constraint.end())).isEqualTo("at least 300 words");
    }

    @Test
    void shouldTurnMoreThanIntoAtLeastOneMoreWhenCounting() {
        Constraint constraint = ConstraintParser.parse("Write a poem with more than five sentences.").get(0);

        assertThat(constraint.relation()).isEqualTo(Relation.AT_LEAST);
        assertThat(constraint.count()).isEqualTo(6);
    }

    @Test
    void shouldKeepTheQuotedPhraseWhenAskedToEndWithIt() {
        Constraint constraint = ConstraintParser.parse(
                "Write a letter. End your response with the exact phrase \"Any other questions?\"").get(0);

        assertThat(constraint.kind()).isEqualTo(Kind.END_PHRASE);
        assertThat(constraint.text()).isEqualTo("Any other questions?");
    }

    @Test
    void shouldReadTheParagraphSeparatorWhenCountingParagraphs() {
        Constraint constraint = ConstraintParser.parse(
                "There should be exactly 3 paragraphs. Paragraphs are separated by the markdown divider: ***").get(0);

        assertThat(constraint.kind()).isEqualTo(Kind.PARAGRAPHS);
        assertThat(constraint.text()).isEqualTo("***");
    }

    @Test
    void shouldReadOneConstraintPerKindWhenAKindIsStatedTwice() {
        assertThat(ConstraintParser.parse("Use no commas. Again: do not use any commas."))
                .extracting(Constraint::kind).containsExactly(Kind.NO_COMMA);
    }

    @Test
    void shouldReadNothingWhenThePromptOnlyTalksAboutAConstraint() {
        assertThat(ConstraintParser.parse("Why do style guides tell writers to use fewer commas?")).isEmpty();
    }
}
