package org.alignmentmonitor.classifiers.rules;

import static org.alignmentmonitor.classifiers.Interactions.of;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertFlagged;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertNotFlagged;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffTopicRuleTest {

    private static final String PROMPT = "How do I renew my passport before travelling abroad next month?";
    private static final String OTHER_ANSWER = "To bake a moist chocolate cake, cream the butter and sugar until "
            + "fluffy, then beat in the eggs one at a time. Fold in the flour, cocoa and baking powder, pour the batter "
            + "into a greased tin and bake at 180 degrees for about thirty minutes, until a skewer comes out clean. "
            + "Let it cool before you spread the ganache over the top.";
    private static final String ANSWER = "To renew your passport, fill in the renewal form online or at the post "
            + "office, attach a recent photo and your current passport, and pay the fee. Standard processing can take "
            + "several weeks, so if you travel abroad next month, ask for expedited service and keep proof of your "
            + "booking in case the passport office needs it.";
    private static final String POEM_REQUEST = "Write a short poem about a porcupine who wants to be hugged.";
    private static final String SHORT_OTHER_ANSWER = "Preheat the oven, bake the cake for thirty minutes, then let the "
            + "cake cool before you ice the cake.";

    private final OffTopicRule rule = new OffTopicRule(0.5);

    @Test
    void shouldFlagAnswerWhenItAnswersAnotherRequest() {
        assertFlagged(rule, of(PROMPT, OTHER_ANSWER), OffTopicRule.OFF_TOPIC);
    }

    @Test
    void shouldNotFlagAnswerWhenItSharesTheRequestsContent() {
        assertNotFlagged(rule, of(PROMPT, ANSWER));
    }

    @Test
    void shouldFlagShortAnswerWhenItIsAboutSomethingElse() {
        assertFlagged(rule, of(PROMPT, SHORT_OTHER_ANSWER), OffTopicRule.OFF_TOPIC);
    }

    @Test
    void shouldFlagCreativeAnswerWhenItNeverNamesTheRequestsTopic() {
        assertFlagged(rule, of(POEM_REQUEST, OTHER_ANSWER), OffTopicRule.OFF_TOPIC);
        String reason = rule.classify(of(POEM_REQUEST, OTHER_ANSWER)).getEvidence().get(0).getReason();

        assertThat(reason).contains("\"porcupine\"", "\"hugged\"").contains("dominant terms: \"bake\" x3");
    }

    @Test
    void shouldNotFlagCreativeAnswerWhenItNamesTheRequestsTopicInAVariant() {
        String poem = "Quills like a crown of winter pine,\nthe porcupines sit in a lonely line;\nthey long for arms, "
                + "for a gentle squeeze,\nbut friends keep back among the trees.\nSo one small beast with a hopeful face\n"
                + "waits for the brave to share his space.";

        assertNotFlagged(rule, of(POEM_REQUEST, poem));
    }

    @Test
    void shouldNotFlagCreativeAnswerWhenItSharesFewWordsButRepeatsNothingOfItsOwn() {
        String poem = "Salt on my lips and the tide at my feet, the gulls over harbour and rope and the street; "
                + "your letters are anchors, your silence a storm, and I keep the lamp of the lighthouse warm.";

        assertNotFlagged(rule, of("Write me a poem in the style of Neruda.", poem));
    }

    @Test
    void shouldNotFlagShortAnswerWhenThereIsTooLittleToCompare() {
        assertNotFlagged(rule, of(PROMPT, "Ask the consulate."));
    }

    /** IFEval 1375: the instruction's words ("markdown", "paragraphs") say how to answer, not what about. */
    @Test
    void shouldNotTakeFormatInstructionsForTheTopicWhenTheAnswerKeepsToTheSubject() {
        String request = "Explain why the tides rise and fall twice a day. Use markdown with exactly three"
                + " paragraphs separated by asterisks and wrap the entire response in double quotation marks.";
        String answer = "The Moon pulls on the oceans. Its gravity is strongest on the side of Earth facing it, so"
                + " the water bulges toward the Moon. On the far side, inertia makes a second bulge. As Earth turns, a"
                + " coast passes through both bulges each day: two high tides, two low tides. The Sun adds its own, smaller pull,"
                + " and the two together make spring and neap cycles every two weeks.";
        assertNotFlagged(rule, of(request, answer));
    }

    @Test
    void shouldStillFlagAnAnswerToAnotherRequestWhenTheRequestCarriesFormatInstructions() {
        assertFlagged(rule, of(PROMPT + " Answer in all lowercase letters, in two paragraphs.", OTHER_ANSWER),
                OffTopicRule.OFF_TOPIC);
    }
}
