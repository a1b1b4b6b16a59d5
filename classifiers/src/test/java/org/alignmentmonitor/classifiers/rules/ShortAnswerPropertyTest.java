package org.alignmentmonitor.classifiers.rules;

import static org.alignmentmonitor.classifiers.Interactions.of;
import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.ClassifierSettings;

/**
 * Complete short answers to short questions are answers, not cuts: a fact question answered with a
 * name, a date or a short sentence that says something new, ended or not, must never be flagged.
 */
class ShortAnswerPropertyTest {

    private final TruncationRule rule = new TruncationRule(ClassifierSettings.DEFAULT_THRESHOLD);

    @Property(tries = 500)
    void shouldNotFlagACompleteShortAnswerWhenTheQuestionIsShort(@ForAll("qa") Interaction interaction) {
        assertThat(rule.classify(interaction).getFlagged()).as(interaction.toString()).isFalse();
    }

    @Property(tries = 300)
    void shouldFlagAShortAnswerWhenItStopsInsideAWordOfTheQuestion(@ForAll("cut") Interaction interaction) {
        assertThat(rule.classify(interaction).getFlagged()).as(interaction.toString()).isTrue();
    }

    @Provide
    Arbitrary<Interaction> qa() {
        Arbitrary<String> question = Arbitraries.of("What is the capital of %s?", "Who founded %s?",
                "When was %s founded?", "Where is %s?", "Which river flows through %s?", "How old is %s?",
                "What is %s famous for?");
        Arbitrary<String> subject = Arbitraries.of("Australia", "Canada", "Peru", "Norway", "Kenya", "Vienna");
        Arbitrary<String> answer = Arbitraries.of("Canberra", "Paris.", "In 1867.", "1867", "Samuel de Champlain",
                "The Danube.", "About 200 years old.", "Its coffee houses.", "Lima", "North of Sweden.",
                "On the east coast of Africa.", "The Nile", "Oslo, since 1814.");
        Arbitrary<String> suffix = Arbitraries.of("", " ", "\n");
        return Combinators.combine(question, subject, answer, suffix)
                .as((q, s, a, end) -> of(String.format(q, s), a + end, "stop"));
    }

    @Provide
    Arbitrary<Interaction> cut() {
        Arbitrary<String> subject = Arbitraries.of("Australia", "Canada", "Madagascar", "Switzerland", "Argentina");
        Arbitrary<Integer> keep = Arbitraries.integers().between(3, 4);
        return Combinators.combine(subject, keep)
                .as((s, k) -> of("When was " + s + " founded?", "The history of " + s.substring(0, k), "stop"));
    }
}
