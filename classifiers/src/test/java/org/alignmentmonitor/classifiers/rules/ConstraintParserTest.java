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
    void shouldReadLetterAndWordFrequenciesWhateverTheWording() {
        assertThat(ConstraintParser.parse("Make sure the letter n appears at least twice.").get(0))
                .extracting(Constraint::kind, Constraint::relation, Constraint::count, Constraint::text)
                .containsExactly(Kind.LETTER_FREQUENCY, Relation.AT_LEAST, 2, "n");
        assertThat(ConstraintParser.parse("Write a quiz that includes the word 'elephants' at least 2 times.").get(0))
                .extracting(Constraint::kind, Constraint::count, Constraint::text)
                .containsExactly(Kind.WORD_FREQUENCY, 2, "elephants");
        assertThat(ConstraintParser.parse("The word batted should appear less than 2 times.").get(0).relation())
                .isEqualTo(Relation.LESS_THAN);
        assertThat(ConstraintParser.parse("Write a song, making sure to use the letter \"b\" less than 8 times.").get(0))
                .extracting(Constraint::kind, Constraint::relation, Constraint::count, Constraint::text)
                .containsExactly(Kind.LETTER_FREQUENCY, Relation.LESS_THAN, 8, "b");
    }

    @Test
    void shouldReadTwoResponsesOnlyWhenTheDividerIsNamed() {
        assertThat(ConstraintParser.parse("Give two different responses separated by 6 asterisk symbols ******."))
                .extracting(Constraint::kind).containsExactly(Kind.TWO_RESPONSES);
        assertThat(ConstraintParser.parse("Provide exactly two different cover letters and separate them with six asterisk"
                + " symbols.")).extracting(Constraint::kind).containsExactly(Kind.TWO_RESPONSES);
        assertThat(ConstraintParser.parse("Please give exactly two different responses.")).isEmpty();
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

    @Test
    void shouldOpenTheStatedItemsRegexOnlyForACountItCouldRead() {
        assertThat(ConstraintParser.hasItemCount("list 20 films")).isTrue();
        assertThat(ConstraintParser.hasItemCount("twenty names of horses")).isTrue();
        assertThat(ConstraintParser.hasItemCount("give me\tseven ideas")).isTrue();
        assertThat(ConstraintParser.hasItemCount("it was often written in 2020")).isFalse(); // "2020" ends the text
        assertThat(ConstraintParser.hasItemCount("give me twenty-five ideas")).isFalse();
        assertThat(ConstraintParser.hasItemCount("list 123456 things")).isFalse();
    }
}
