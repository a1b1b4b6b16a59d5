package org.alignmentmonitor.classifiers.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Interactions;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.rules.ConstraintParser;
import org.alignmentmonitor.classifiers.rules.ConstraintRule;
import org.alignmentmonitor.classifiers.rules.TruncationRule;
import org.junit.jupiter.api.Test;

class CorruptionsTest {

    private static final Interaction ORIGINAL = Interactions.of("Tell me about Rome.",
            "Rome is the capital of Italy. It was founded, legend says, in 753 BC. Today it is a city of museums.");

    @Test
    void shouldGiveTheSameCopiesWhenRunTwiceWithTheSameSeed() {
        for (Corruption corruption : Corruptions.all()) {
            Interaction first = corruption.generator().corrupt(ORIGINAL, corruption.random(42));
            Interaction second = corruption.generator().corrupt(ORIGINAL, corruption.random(42));
            assertThat(String.valueOf(first)).as(corruption.name()).isEqualTo(String.valueOf(second));
        }
    }

    @Test
    void shouldAppendAnInstructionTheAnswerBreaksWhenCorruptingForTheConstraintRule() {
        Corruption constraint = only(ConstraintRule.ID);

        Interaction corrupted = constraint.generator().corrupt(ORIGINAL, new Random(1));

        assertThat(Texts.lastUserMessage(corrupted)).startsWith("Tell me about Rome.\n\n");
        assertThat(Texts.completion(corrupted)).isEqualTo(Texts.completion(ORIGINAL));
        assertThat(ConstraintParser.parse(Texts.lastUserMessage(corrupted))).isNotEmpty();
    }

    @Test
    void shouldCutBetweenThirtyAndNinetyPercentWhenCuttingMidSentence() {
        String text = "one two three four five six seven eight nine ten eleven twelve";

        String cut = Corruptions.cutMidSentence(text, new Random(3));

        assertThat(text).startsWith(cut);
        assertThat(cut.length()).isBetween((int) (text.length() * 0.3), (int) (text.length() * 0.9) + 1);
        assertThat(Corruptions.cutMidSentence("word", new Random(3))).isNull();
    }

    @Test
    void shouldRepeatOneSentenceWhenLoopingASentence() {
        String looped = Corruptions.loopSentence("Intro here. The loop is this one. End.", 3, new Random(0));

        assertThat(looped).isNotNull().contains(". ");
        assertThat(Corruptions.loopSentence("no sentence", 3, new Random(0))).isNull();
    }

    @Test
    void shouldCoverEveryBuiltInRuleWhenListingTheCorruptions() {
        assertThat(Corruptions.all()).extracting(Corruption::ruleId).containsAll(ClassifierEvaluation.CATEGORIES.keySet());
        assertThat(Corruptions.all().stream().filter(c -> c.ruleId().equals(TruncationRule.ID)).toList()).hasSize(2);
    }

    private static Corruption only(String ruleId) {
        List<Corruption> matching = Corruptions.all().stream().filter(c -> c.ruleId().equals(ruleId)).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
