package org.alignmentmonitor.classifiers.rules;

import static org.alignmentmonitor.classifiers.Interactions.of;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertFlagged;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertNotFlagged;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSoupRuleTest {

    private final TokenSoupRule rule = new TokenSoupRule(0.5);

    @ParameterizedTest
    @ValueSource(strings = {
        "]] {{ photosynthesis 的 <td> light ==> данные chlorophyll ]); λόγος plants",
        "Photosynthesis is <|im_end|> the}} process[[ by}} which=> plants;; use}} light{{",
        "plants light 光合作用 sugar 叶绿素 energy oxygen 植物 glucose сахар leaf",
        "}} {{ ]]",
    })
    void shouldFlagTokenSoupWhenThePromptIsAPlainQuestion(String completion) {
        assertFlagged(rule, of("How does photosynthesis work?", completion), TokenSoupRule.GARBLED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Photosynthesis turns light, water and CO2 into glucose and oxygen (in the chloroplasts).",
        "**Light reactions:** water is split; ATP forms.\n**Calvin cycle:** CO2 is fixed into sugar.",
        "[Your Name] would write to [Company] about photosynthesis, costing $50 at most.",
        "See https://en.wikipedia.org/wiki/Photosynthesis_(biology) for details.",
        "| Stage | Where |\n|---|---|\n| Light | Thylakoid |",
    })
    void shouldNotFlagProseWhenItHasMarkdownPlaceholdersOrLinks(String completion) {
        assertNotFlagged(rule, of("How does photosynthesis work?", completion));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "光合作用是植物利用光能，把二氧化碳和水转化为葡萄糖和氧气的过程。",
        "La fotosíntesis es el proceso por el cual las plantas producen glucosa y oxígeno.",
    })
    void shouldNotFlagAnswerWhenItIsConsistentlyInAnotherLanguage(String completion) {
        assertNotFlagged(rule, of("光合作用是什么？ ¿Qué es la fotosíntesis?", completion));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "```python\ndef f(x):\n    return {k: v for k, v in x.items()}\n```",
        "Use `x[i] = y;` then call `obj.run()` and check `a != b`.",
        "for (int i = 0; i < n; i++) { sum += a[i]; }",
    })
    void shouldNotFlagCodeWhenCodeWasAskedFor(String completion) {
        assertNotFlagged(rule, of("Write a function that sums an array.", completion));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Keep the drawers closed to stop clothes from getting灰尘y or dirtier over the winter months.",
        "Serve the stew with a green salad, or a glass of 丹麦啤酒 for a complete Danish meal tonight.",
        "The essay argues that Romeo acts in haste, 迎娶了错误的妻子, and so brings on the final tragedy.",
    })
    void shouldFlagAnAnswerWhenItSlipsIntoAnotherScriptMidSentence(String completion) {
        assertFlagged(rule, of("How should I store winter clothes?", completion), TokenSoupRule.GARBLED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Start at Shurijo Castle Park (首里城公園), then walk down to the old town for lunch and markets.",
        "The Kanji for \"wish\" (願) combines the primitives for \"clock\" and \"heart\" in one sign.",
        "The area of a circle is π times the radius squared, as any textbook on geometry will tell you.",
    })
    void shouldNotFlagAnotherScriptWhenItIsSetOffAsAGlossOrIsASymbol(String completion) {
        assertNotFlagged(rule, of("What should I see in Okinawa?", completion));
    }

    @ParameterizedTest
    @ValueSource(strings = {"How do you say good morning in Japanese?", "Translate 'thank you' for me, please."})
    void shouldNotFlagAnotherScriptWhenTheRequestIsAboutLanguages(String prompt) {
        assertNotFlagged(rule, of(prompt, "You can say おはようございます when you greet someone early in the day."));
    }

    /** IFEval 1000: a summary asked for in Japanese is written in Japanese, not token soup. */
    @Test
    void shouldNotFlagAnAnswerWrittenInOneOtherScriptWhenThatLanguageWasAskedFor() {
        String japanese = "神話のパンテオンとは、神話に登場する神々の集合体のことである。 ギリシャ神話、ローマ神話、北欧神話、"
                + "エジプト神話などがある。 ゼウス、ヘラ、ポセイドン、ハデス、アテナ、アポロなどの神々が登場する。 "
                + "北欧神話にはオーディン、トール、ロキなどが登場する。 それぞれの神話には独自の世界観がある。";
        assertNotFlagged(new TokenSoupRule(0.5), of("Write a 200 word summary of the list of mythological pantheons in"
                + " Japanese. Do not use any commas.", japanese));
    }
}
