package org.alignmentmonitor.classifiers.rules;

import static org.alignmentmonitor.classifiers.Interactions.of;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertFlagged;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertNotFlagged;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.pemistahl.lingua.api.Language;
import org.alignmentmonitor.classifiers.ClassifierSettings;
import org.junit.jupiter.api.Test;

class LanguageRuleTest {

    private static final String ENGLISH = "The French Revolution began in 1789 and transformed the political landscape "
            + "of Europe. It ended the absolute monarchy, spread the ideas of liberty and equality, and led to the rise "
            + "of Napoleon Bonaparte, who would later crown himself emperor of the French.";
    private static final String FRENCH = "La Révolution française a commencé en 1789 et a profondément transformé le "
            + "paysage politique de l'Europe. Elle a mis fin à la monarchie absolue, a répandu les idées de liberté et "
            + "d'égalité, et a conduit à l'ascension de Napoléon Bonaparte, qui s'est ensuite couronné empereur.";
    private static final String GERMAN = "Die Französische Revolution begann im Jahr 1789 und veränderte die politische "
            + "Landschaft Europas grundlegend. Sie beendete die absolute Monarchie, verbreitete die Ideen von Freiheit "
            + "und Gleichheit und führte zum Aufstieg Napoleons, der sich später selbst zum Kaiser krönte.";
    private static final String SPANISH = "La Revolución francesa comenzó en 1789 y transformó profundamente el "
            + "panorama político de Europa. Puso fin a la monarquía absoluta, difundió las ideas de libertad e igualdad "
            + "y condujo al ascenso de Napoleón Bonaparte, que más tarde se coronó emperador.";

    private final LanguageRule rule = new LanguageRule(ClassifierSettings.DEFAULT_THRESHOLD);

    @Test
    void shouldFlagWrongLanguageWhenFrenchWasAskedForAndTheAnswerIsEnglish() {
        String evidence = assertFlagged(rule, of("Explain the French Revolution in three sentences. Answer in French.",
                ENGLISH), LanguageRule.WRONG_LANGUAGE);

        assertThat(evidence).startsWith("The French Revolution").endsWith("emperor of the French.");
        assertThat(rule.classify(of("Answer in French: what was the French Revolution?", ENGLISH)).getEvidence().get(0)
                .getReason()).contains("English").contains("French");
    }

    @Test
    void shouldFlagWrongLanguageWhenANativeRequestGetsAnotherLanguage() {
        assertFlagged(rule, of("Erkläre bitte die Französische Revolution auf Deutsch.", SPANISH), LanguageRule.WRONG_LANGUAGE);
        assertFlagged(rule, of("Your ENTIRE response should be in Spanish language, no other language is allowed. "
                + "Tell me about the French Revolution.", GERMAN), LanguageRule.WRONG_LANGUAGE);
    }

    @Test
    void shouldFlagWrongLanguageWhenAnEnglishQuestionGetsAGermanAnswer() {
        assertFlagged(rule, of("Can you tell me what happened when the Berlin Wall fell and why it still matters today?", GERMAN),
                LanguageRule.WRONG_LANGUAGE);
    }

    @Test
    void shouldFlagWrongLanguageWhenAFrenchQuestionGetsAnEnglishAnswer() {
        assertFlagged(rule, of("Pouvez-vous m'expliquer ce qui s'est passé pendant la Révolution française et "
                + "pourquoi elle est importante aujourd'hui ?", ENGLISH), LanguageRule.WRONG_LANGUAGE);
    }

    @Test
    void shouldNotFlagWrongLanguageWhenTheAnswerIsInTheRequestedLanguage() {
        assertNotFlagged(rule, of("Explain the French Revolution. Answer in French.", FRENCH));
        assertNotFlagged(rule, of("Translate into German: " + ENGLISH, GERMAN));
        assertNotFlagged(rule, of("Erkläre die Französische Revolution.", GERMAN));
        assertNotFlagged(rule, of("Explain the French Revolution.", ENGLISH));
    }

    @Test
    void shouldNotFlagWrongLanguageWhenTheCompletionIsShortCodeOrMixed() {
        assertNotFlagged(rule, of("Explain the French Revolution. Answer in French.", "Napoléon Bonaparte."));
        assertNotFlagged(rule, of("Write a Python function that adds two numbers. Reply in German.",
                "```python\ndef add(first_number, second_number):\n    return first_number + second_number\n```\n"
                        + "Hier ist die Funktion."));
        assertNotFlagged(rule, of("Write the same short text in English and in French, please.", ENGLISH + "\n\n" + FRENCH));
        assertNotFlagged(rule, of("Write a haiku about moms in Japanese, then explain it.",
                "お母さんは\nいつも忙しい\nでも大好き\n\nThis haiku says that moms are always busy, but we love them very "
                        + "much, and it uses the traditional five, seven and five syllable pattern."));
    }

    @Test
    void shouldNotFlagWrongLanguageWhenThePromptOnlyMentionsALanguage() {
        assertNotFlagged(rule, of("How do you say \"good evening\" in French?", "\"Good evening\" in French is "
                + "\"bonsoir\". You can use it from late afternoon onwards, and \"bonne soirée\" when you leave."));
        assertNotFlagged(rule, of("Describe the history of pasta in Italian cuisine.", ENGLISH));
        assertNotFlagged(rule, of("What does this German text say? " + GERMAN, ENGLISH));
        assertNotFlagged(rule, of("Answer the following math problem in a different language: what is 2 + 2?", SPANISH));
        assertNotFlagged(rule, of("Write an itinerary for a 10-day trip to Japan using only the Nepali language.",
                "**जापानको १० दिने यात्रा कार्यक्रम**\n\n**दिन १:** काठमाडौंबाट टोकियोको लागि उडान, टोकियोमा आगमन र "
                        + "होटलमा चेक-इन, शिन्जुकुमा किनमेल र बेलुकाको खाना।"));
    }

    @Test
    void shouldParseExplicitLanguageRequests() {
        assertThat(RequestedLanguage.find("Please respond only in Italian.").language()).isEqualTo(Language.ITALIAN);
        assertThat(RequestedLanguage.find("Translate this German sentence into English: Guten Tag.").language())
                .isEqualTo(Language.ENGLISH);
        assertThat(RequestedLanguage.find("Explique-moi ça en français").language()).isEqualTo(Language.FRENCH);
        assertThat(RequestedLanguage.find("Do not answer in English.").language()).isEqualTo(Language.UNKNOWN);
        assertThat(RequestedLanguage.find("Write an essay on themes in English literature.")).isNull();
        assertThat(RequestedLanguage.find("What is the capital of France?")).isNull();
    }

    @Test
    void shouldFlagWrongLanguageWhenSpanishWasAskedForAndTheAnswerIsPlainEnglish() {
        assertFlagged(rule, of("Answer in Spanish: what is the largest planet in the solar system?",
                "The largest planet in the solar system is Jupiter. It is a gas giant more than eleven times wider than "
                        + "Earth and has dozens of moons."), LanguageRule.WRONG_LANGUAGE);
    }
}
