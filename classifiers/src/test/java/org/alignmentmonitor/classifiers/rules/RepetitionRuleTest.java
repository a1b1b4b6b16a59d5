package org.alignmentmonitor.classifiers.rules;

import static org.alignmentmonitor.classifiers.Interactions.of;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertFlagged;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertNotFlagged;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.alignmentmonitor.classifiers.ClassifierSettings;
import org.junit.jupiter.api.Test;

class RepetitionRuleTest {

    private static final String PROMPT = "What should I see in Rome?";
    private static final String SENTENCE = "The Colosseum is the largest ancient amphitheatre ever built.";
    private static final String ANSWER = "Rome has many sights. " + SENTENCE + " The Vatican Museums hold "
            + "works by Michelangelo and Raphael. The Pantheon still has the largest unreinforced concrete dome.";

    private final RepetitionRule rule = new RepetitionRule(ClassifierSettings.DEFAULT_THRESHOLD);

    @Test
    void shouldFlagRepetitionWhenASentenceIsRepeatedThreeTimesInARow() {
        String looped = ANSWER.replace(SENTENCE, SENTENCE + " " + SENTENCE + " " + SENTENCE);

        String evidence = assertFlagged(rule, of(PROMPT, looped), RepetitionRule.REPETITION);

        assertThat(evidence).isEqualTo(SENTENCE + " " + SENTENCE + " " + SENTENCE.substring(0, SENTENCE.length() - 1));
    }

    @Test
    void shouldScoreLongerLoopsHigher() {
        double three = rule.classify(of(PROMPT, copies(SENTENCE, 3))).getScore();
        double five = rule.classify(of(PROMPT, copies(SENTENCE, 5))).getScore();

        assertThat(three).isGreaterThanOrEqualTo(0.5);
        assertThat(five).isGreaterThan(three);
    }

    @Test
    void shouldFlagRepetitionWhenAShortPhraseLoopsLikeTheDemoGenerator() {
        String completion = SENTENCE + " " + copies("The Colosseum is the", 10);

        assertFlagged(rule, of(PROMPT, completion), RepetitionRule.REPETITION);
    }

    @Test
    void shouldFlagRepetitionWhenOneWordFillsAList() {
        String completion = "Words matching H_AR_:\n" + copies("* Hiroshima\n", 40);

        assertThat(assertFlagged(rule, of("Identify all words that match the pattern H_AR_", completion),
                RepetitionRule.REPETITION)).startsWith("Hiroshima").endsWith("Hiroshima");
    }

    @Test
    void shouldFlagRepetitionWhenAShortInterjectionIsSaidFiveTimes() {
        assertFlagged(rule, of(PROMPT, "Good luck! Good luck! Good luck! Good luck! Good luck! " + ANSWER),
                RepetitionRule.REPETITION);
    }

    @Test
    void shouldFlagRepetitionWhenTheSameSentencesFillMostOfTheTextOutOfOrder() {
        String a = "The Colosseum is the largest ancient amphitheatre ever built in the whole world.";
        String b = "The Pantheon still has the largest unreinforced concrete dome in the whole world.";
        String c = "The Vatican Museums hold many works by Michelangelo and Raphael and other masters.";
        String completion = String.join(" ", a, b, c, a, "Also see the Forum.", b, c, a, "And Trastevere.", b, c);

        assertFlagged(rule, of(PROMPT, completion), RepetitionRule.REPETITION);
    }

    @Test
    void shouldFlagRepetitionWhenALoopStartsDeepInsideAHugeCompletion() {
        StringBuilder huge = new StringBuilder();
        for (int i = 0; huge.length() < 200_000; i++) {
            huge.append("Paragraph ").append(i).append(" is about sight number ").append(i * 7).append(". ");
        }
        huge.append(copies(SENTENCE, 40));

        assertFlagged(rule, of(PROMPT, huge.toString()), RepetitionRule.REPETITION);
    }

    @Test
    void shouldNotFlagRepetitionWhenListItemsShareAPrefix() {
        String questions = Stream.of("have their own robot assistant", "have a PhD in artificial intelligence",
                        "be a world-renowned expert in quantum computing", "be a millionaire due to their startup",
                        "have moved to a farm to raise goats", "run a podcast about mechanical keyboards")
                .map(ending -> "In 10 years time, who is the most likely to " + ending + "?")
                .collect(Collectors.joining("\n"));
        String steps = Stream.of("Preheat the oven to 180 degrees.", "Mix the butter and the sugar.",
                        "Add the eggs one at a time.", "Fold in the flour and the chocolate chips.",
                        "Bake for twelve minutes.")
                .map(step -> "- Step: " + step)
                .collect(Collectors.joining("\n"));

        assertNotFlagged(rule, of("Give me funny 'who is most likely to' questions.", questions));
        assertNotFlagged(rule, of("How do I bake cookies?", steps));
    }

    @Test
    void shouldNotFlagRepetitionWhenTheUserAskedForIt() {
        assertNotFlagged(rule, of("Say 'I love Rome' 10 times.", copies("I love Rome!", 10)));
        assertNotFlagged(rule, of("Repeat after me: " + SENTENCE, copies(SENTENCE, 5)));
    }

    @Test
    void shouldNotFlagRepetitionWhenASongHasARefrain() {
        String chorus = "Another one bites the dust, another one bites the dust";
        String song = "Steve walks warily down the street\n" + chorus + "\n" + chorus + "\nAnd another one gone\n" + chorus;

        assertNotFlagged(rule, of("Write a song about programming.", song));
    }

    @Test
    void shouldNotFlagRepetitionWhenTheTextIsDataOrMarkup() {
        String matrix = copies("| 0 | 0 | 0 | 0 | 0 | 0 |\n", 8);
        String html = "<div>\n  <div>\n    <div>\n      <p>Hi</p>\n    </div>\n  </div>\n</div>\n</div>\n</div>\n</div>";
        String art = " O O O O O O\n--------\n O";

        assertNotFlagged(rule, of("Print a zero matrix.", matrix));
        assertNotFlagged(rule, of("Write nested divs.", html));
        assertNotFlagged(rule, of("Draw a cake.", art));
    }

    @Test
    void shouldNotFlagRepetitionInOrdinaryProse() {
        assertNotFlagged(rule, of(PROMPT, ANSWER));
        assertNotFlagged(rule, of(PROMPT, "Ho ho ho, Merry Christmas! Rome is lovely in December."));
    }

    private static String copies(String unit, int times) {
        return String.join(" ", java.util.Collections.nCopies(times, unit));
    }
}
