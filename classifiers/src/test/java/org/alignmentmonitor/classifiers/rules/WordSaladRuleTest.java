package org.alignmentmonitor.classifiers.rules;

import static org.alignmentmonitor.classifiers.Interactions.of;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertFlagged;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertNotFlagged;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class WordSaladRuleTest {

    private static final String PROMPT = "Why do leaves change colour in autumn?";
    private static final String FLUENT = "Leaves change colour in autumn because the trees stop making chlorophyll, "
            + "the green pigment that captures sunlight. As the days get shorter and cooler, the chlorophyll breaks "
            + "down and the yellow and orange pigments that were there all along become visible. Some trees also "
            + "make red pigments in the autumn, which is why maples can turn a bright scarlet before the leaves fall.";

    private final WordSaladRule rule = new WordSaladRule(0.5);

    @Test
    void shouldNotFlagFluentAnswerWhenItIsEnglishProse() {
        assertNotFlagged(rule, of(PROMPT, FLUENT));
    }

    @Property(tries = 50)
    void shouldFlagWordSaladWhenTheWordsOfAFluentAnswerAreShuffled(@ForAll long seed) {
        List<String> words = new ArrayList<>(Arrays.asList(FLUENT.split(" ")));
        Collections.shuffle(words, new Random(seed));

        assertFlagged(rule, of(PROMPT, String.join(" ", words)), WordSaladRule.GARBLED);
    }

    @Test
    void shouldNotFlagEnumerationWhenTheAnswerIsAListOfWords() {
        assertNotFlagged(rule, of("Give synonyms for expected.",
                "anticipated, predicted, forecasted, projected, envisaged, assumed, presumed, awaited, hoped for"));
    }

    @Test
    void shouldNotFlagAnswerWhenItIsInAnotherLanguage() {
        assertNotFlagged(rule, of(PROMPT, "Les feuilles changent de couleur en automne parce que les arbres cessent "
                + "de produire de la chlorophylle, le pigment vert qui capte la lumière du soleil."));
    }
}
