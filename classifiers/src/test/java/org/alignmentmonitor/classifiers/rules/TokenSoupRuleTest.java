package org.alignmentmonitor.classifiers.rules;

import static org.alignmentmonitor.classifiers.Interactions.of;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertFlagged;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertNotFlagged;

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
}
