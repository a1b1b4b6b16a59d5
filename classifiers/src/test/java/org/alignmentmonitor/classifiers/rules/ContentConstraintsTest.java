package org.alignmentmonitor.classifiers.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.alignmentmonitor.classifiers.rules.Constraint.Kind;
import org.alignmentmonitor.classifiers.rules.Constraint.Relation;
import org.junit.jupiter.api.Test;

class ContentConstraintsTest {

    private static Constraint only(String prompt, Kind kind) {
        List<Constraint> found = ConstraintParser.parse(prompt).stream().filter(c -> c.kind() == kind).toList();
        assertThat(found).as("%s in %s", kind, prompt).hasSize(1);
        return found.get(0);
    }

    private static boolean has(String prompt, Kind kind) {
        return ConstraintParser.parse(prompt).stream().anyMatch(c -> c.kind() == kind);
    }

    @Test
    void shouldReadQuotedAndBareKeywordsToIncludeAndFlagTheMissingOne() {
        Constraint quoted = only("Write a haiku about a lion that includes the keywords \"forests\" and \"riddle\".", Kind.KEYWORDS_INCLUDED);
        Constraint bare = only("Write an essay on cans. Don't forget to include the keywords 1745 and dona.", Kind.KEYWORDS_INCLUDED);

        assertThat(quoted.keywords()).containsExactly("forests", "riddle");
        assertThat(bare.keywords()).containsExactly("1745", "dona");
        assertThat(ConstraintChecker.check(quoted, "A riddle in the Forests of night")).isNull();
        assertThat(ConstraintChecker.check(quoted, "Golden mane, a riddle").reason()).contains("no \"forests\"");
    }

    @Test
    void shouldReadForbiddenKeywordsAndNotTakeThemForKeywordsToIncludeWhenTheInstructionIsNegated() {
        String prompt = "Which college would you recommend? Also, don't include the keywords collaborated and known in your response.";
        Constraint forbidden = only(prompt, Kind.KEYWORDS_FORBIDDEN);

        assertThat(has(prompt, Kind.KEYWORDS_INCLUDED)).isFalse();
        assertThat(forbidden.keywords()).containsExactly("collaborated", "known");
        assertThat(ConstraintChecker.check(forbidden, "It is well known for its campus.").found()).isEqualTo("\"known\"");
        // a whole word, as IFEval checks it: "unknown" is not "known"
        assertThat(ConstraintChecker.check(forbidden, "An unknown gem of a college.")).isNull();
        assertThat(only("Rewrite it formally. Do not include the keywords ['lion', 'solar'].", Kind.KEYWORDS_FORBIDDEN)
                .keywords()).containsExactly("lion", "solar");
    }

    @Test
    void shouldLeaveAKeywordWithACountToTheWordFrequencyCheck() {
        assertThat(has("Mention the word \"skyscraper\" for at least 8 times.", Kind.KEYWORDS_INCLUDED)).isFalse();
        assertThat(has("Write a poem and include the word \"singles\" at least twice.", Kind.KEYWORDS_INCLUDED)).isFalse();
        assertThat(has("Start your answer with the word \"weekend\".", Kind.KEYWORDS_INCLUDED)).isFalse();
    }

    @Test
    void shouldCountSectionsMarkedWithTheGivenWordAndANumber() {
        Constraint sections = only("Write a poem about my classes. The poem must have 4 sections marked with SECTION X.", Kind.SECTIONS);

        assertThat(sections.count()).isEqualTo(4);
        assertThat(sections.text()).isEqualTo("SECTION");
        assertThat(ConstraintChecker.check(sections, "SECTION 1\na\nSECTION 2\nb\nSECTION 3\nc\nSECTION 4\nd")).isNull();
        assertThat(ConstraintChecker.check(sections, "SECTION 1\na\nSECTION 2\nb").found()).startsWith("2 marked");
    }

    @Test
    void shouldCountWordsInCapitalsWithASlackOfOne() {
        Constraint atLeast = only("Write a limerick and use at least 3 words with all capital letters.", Kind.CAPITAL_WORDS);
        Constraint lessThan = only("Write an email. Use less than 5 words in all capital letters.", Kind.CAPITAL_WORDS);

        assertThat(atLeast.relation()).isEqualTo(Relation.AT_LEAST);
        assertThat(ConstraintChecker.check(atLeast, "A man from NANTUCKET was GREAT")).isNull(); // 2: within the slack
        assertThat(ConstraintChecker.check(atLeast, "a man from nantucket")).isNotNull();
        assertThat(lessThan.relation()).isEqualTo(Relation.LESS_THAN);
        assertThat(ConstraintChecker.check(lessThan, "PLEASE COME NOW TO THE SOUP KITCHEN TODAY")).isNotNull();
        assertThat(ConstraintChecker.check(lessThan, "Please come, it is FREE.")).isNull();
    }

    @Test
    void shouldWantTheRequestRepeatedBeforeTheAnswer() {
        String prompt = "Write a funny haiku about moms in Japanese. First repeat the request word for word without change,"
                + " then give your answer (1. do not say any words or characters before repeating the request)";
        Constraint repeat = only(prompt, Kind.REPEAT_PROMPT);

        assertThat(repeat.text()).isEqualTo("Write a funny haiku about moms in Japanese.");
        assertThat(ConstraintChecker.check(repeat, "Write a funny haiku about moms in Japanese.\n\nお母さん")).isNull();
        assertThat(ConstraintChecker.check(repeat, "Write a haiku about moms.\n\nお母さん").found())
                .isEqualTo("the request repeated up to here only");
        assertThat(ConstraintChecker.check(repeat, "お母さん").found()).isEqualTo("an answer that does not start with the request");
    }

    @Test
    void shouldWantOneOfTheGivenAnswers() {
        Constraint options = only("Is the poodle bigger? Answer with one of the following options: \"My answer is yes.\","
                + " \"My answer is no.\", \"My answer is maybe.\"", Kind.ANSWER_OPTIONS);

        assertThat(ConstraintChecker.check(options, "My answer is no. Golden retrievers are larger.")).isNull();
        assertThat(ConstraintChecker.check(options, "No, the golden retriever is larger.")).isNotNull();
    }
}
