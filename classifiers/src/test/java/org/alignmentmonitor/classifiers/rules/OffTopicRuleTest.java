package org.alignmentmonitor.classifiers.rules;

import static org.alignmentmonitor.classifiers.Interactions.of;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertFlagged;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertNotFlagged;

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
    void shouldNotFlagCreativeAnswerWhenItSharesFewWordsWithTheRequest() {
        assertNotFlagged(rule, of("Write me a poem in the style of Neruda.", OTHER_ANSWER));
    }

    @Test
    void shouldNotFlagShortAnswerWhenThereIsTooLittleToCompare() {
        assertNotFlagged(rule, of(PROMPT, "Ask the consulate."));
    }
}
