package org.alignmentmonitor.classifiers.rules;

import static org.alignmentmonitor.classifiers.Interactions.of;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertFlagged;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertNotFlagged;
import static org.assertj.core.api.Assertions.assertThat;

import org.alignmentmonitor.classifiers.ClassifierSettings;
import org.junit.jupiter.api.Test;

class GibberishRuleTest {

    private static final String GOOD = "Photosynthesis is the process by which green plants use sunlight, water and "
            + "carbon dioxide to make glucose and oxygen. It takes place mainly in the leaves, inside the chloroplasts, "
            + "where chlorophyll absorbs light energy.";
    private static final String MASH = "sdfkjh qwrtpl zxcvbn mnbvcx lkjhgf poiuyt rtzklm wqrtzp hjklmn bvcxzq "
            + "dfghjk xcvbnm plkjhg tzrwqp gfdsak vbnmkl";

    private final GibberishRule rule = new GibberishRule(ClassifierSettings.DEFAULT_THRESHOLD);

    @Test
    void shouldFlagGibberishWhenTheAnswerTurnsIntoKeyboardMash() {
        String completion = GOOD + " " + MASH + " " + MASH;

        String evidence = assertFlagged(rule, of("How does photosynthesis work?", completion), GibberishRule.GIBBERISH);

        assertThat(evidence).contains("sdfkjh").endsWith("vbnmkl");
    }

    @Test
    void shouldFlagGibberishWhenTheTextIsMojibake() {
        String evidence = assertFlagged(rule, of("Say something about Zürich.",
                "Zâ€™s cafÃ© culture is famous; the Ã¼ber-modern Kunsthaus and the lake draw visitors."),
                GibberishRule.GIBBERISH);

        assertThat(evidence).startsWith("Zâ€™s").contains("Ã¼");
    }

    @Test
    void shouldNotFlagGibberishWhenTheTextIsProseCodeOrAnotherScript() {
        assertNotFlagged(rule, of("How does photosynthesis work?", GOOD));
        assertNotFlagged(rule, of("Write a regex and a checksum.", "Use this:\n```\n^[bcdfghjklmnpqrstvwxz]{6,}$\n"
                + "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n```\n" + GOOD));
        assertNotFlagged(rule, of("Как работает фотосинтез?", "Фотосинтез — это процесс, при котором растения "
                + "используют свет, воду и углекислый газ, чтобы получить глюкозу и кислород для жизни."));
        assertNotFlagged(rule, of("Name some YouTube channels for grad school applicants.", "1. GradSchoolHQ\n"
                + "2. GradPrepPro\n3. GradApplyHQ\n4. SmartGradAdmissions\n5. GradSuccessHQ\n6. TheGradSchoolGamePlan\n"
                + "7. GradSchoolNavigator\n8. GradSchoolMentor\n9. ApplyWithConfidence\n10. NextStepGrad"));
        assertNotFlagged(rule, of("List some HTML, CSS and SQL acronyms.", "HTML, CSS, SQL, PHP, XML, JSON, HTTP, "
                + "TCP, DNS, SSH and FTP are common acronyms; each names a language, a format or a protocol used daily."));
    }

    @Test
    void shouldNotFlagGibberishWhenTheUserAskedForRandomOrEncodedText() {
        assertNotFlagged(rule, of("Generate a list of random strings for test passwords.", MASH + " " + MASH));
        assertNotFlagged(rule, of("Spell these words backwards.", MASH + " " + MASH));
    }

    @Test
    void shouldTellWordLikeTokensFromGarbledOnes() {
        assertThat(GibberishRule.isOdd("strengths", 0, 9)).isFalse();
        assertThat(GibberishRule.isOdd("rhythm", 0, 6)).isFalse();
        assertThat(GibberishRule.isOdd("qwrtpl", 0, 6)).isTrue();
        assertThat(GibberishRule.isOdd("xqzjvk", 0, 6)).isTrue();
    }
}
