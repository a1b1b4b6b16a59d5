package org.alignmentmonitor.classifiers.rules;

import static org.alignmentmonitor.classifiers.Interactions.of;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertFlagged;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertNotFlagged;
import static org.assertj.core.api.Assertions.assertThat;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.ClassifierSettings;
import org.junit.jupiter.api.Test;

/** Lines and list items that repeat earlier ones nearly word for word, against templated but distinct items. */
class RepeatedItemsTest {

    private final RepetitionRule rule = new RepetitionRule(ClassifierSettings.DEFAULT_THRESHOLD);

    @Test
    void shouldFlagRepetitionWhenEveryItemIsTheSameSentenceWithTheNameChanged() {
        StringBuilder answer = new StringBuilder("Here are some herbs you can dry:\n");
        String[] herbs = {"Basil", "Thyme", "Rosemary", "Oregano", "Sage", "Mint", "Dill", "Parsley"};
        for (int i = 0; i < herbs.length; i++) {
            answer.append(i + 1).append(". ").append(herbs[i]).append(": it can be dried in the oven or a dehydrator,"
                    + " depending on the desired moisture, and it goes well with roasted meats.\n");
        }
        Interaction interaction = of("What are some herbs I can dry out?", answer.toString());

        String evidence = assertFlagged(rule, interaction, RepetitionRule.REPETITION);

        assertThat(evidence).startsWith("Basil").contains("Thyme").doesNotContain("Rosemary");
        assertThat(rule.classify(interaction).getEvidence().get(0).getReason())
                .contains("7 of 8 lines repeat an earlier line nearly word for word (line 1, again as line 2)");
    }

    @Test
    void shouldFlagRepetitionWhenTheSameFewItemsFillAList() {
        StringBuilder answer = new StringBuilder();
        String[] films = {"Do the Right Thing", "Malcolm X", "25th Hour", "Inside Man"};
        for (int i = 0; i < 20; i++) {
            answer.append(i + 1).append(". ").append(films[i % films.length]).append('\n');
        }

        assertFlagged(rule, of("List 20 films directed by Spike Lee.", answer.toString()), RepetitionRule.REPETITION);
    }

    @Test
    void shouldNotFlagRepetitionWhenListItemsShareATemplateButEndDifferently() {
        String answer = String.join("\n",
                "1. In 10 years time, who is the most likely to have a robot as a best friend?",
                "2. In 10 years time, who is the most likely to have their own YouTube channel?",
                "3. In 10 years time, who is the most likely to live on a boat in the Caribbean?",
                "4. In 10 years time, who is the most likely to be running the whole company?",
                "5. In 10 years time, who is the most likely to write a best-selling novel?",
                "6. In 10 years time, who is the most likely to have moved to the mountains?");

        assertNotFlagged(rule, of("Write funny 'who is most likely to' questions for my colleagues.", answer));
    }

    @Test
    void shouldNotFlagRepetitionWhenRecipesRepeatTheirHeadersAndNumbers() {
        String recipe = "Ingredients:\n- 2 cups flour\n- 1 cup milk\nSteps:\n1. Mix.\n2. Bake for 20 minutes.\n";
        String answer = "Pancakes\n" + recipe + "Waffles\n" + recipe.replace("Mix.", "Whisk well.")
                + "Crepes\n" + recipe.replace("Bake for 20 minutes.", "Fry thinly.")
                + "Totals:\n| 1 | 2 |\n| 1 | 2 |\n| 1 | 2 |\n10.0.0.1\n10.0.0.1\n10.0.0.1\n";

        assertNotFlagged(rule, of("Give me three simple batter recipes.", answer));
    }

    @Test
    void shouldNotFlagRepetitionWhenASongRepeatsItsChorus() {
        String chorus = "Oh we ride the morning train, through the sunshine and the rain\n";
        String answer = "Verse 1\nWaking up before the sun, coffee cup and off we run\n" + chorus + chorus
                + "Verse 2\nCity lights are fading out, there is nothing left to doubt\n" + chorus + chorus
                + "Bridge\nEvery station has a name, none of them will stay the same\n" + chorus;

        assertNotFlagged(rule, of("Write a song about commuting by train.", answer));
    }
}
