package org.alignmentmonitor.classifiers.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.alignmentmonitor.classifiers.rules.Constraint.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lengths stated without a bound ("a 2000 word essay", "list 20"): far too short is under half of the
 * words or under three quarters of the items; anything above is left to the reader.
 */
class StatedLengthTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Write me a 2000 word essay on a water safety engineering project.|STATED_WORDS|2000",
        "Write a 1000-1250 word two-topic essay about Arizona.|STATED_WORDS|1000",
        "Please write 500 words on the French revolution.|STATED_WORDS|500",
        "Can you list the top 20 films between 1930 and 1940?|STATED_ITEMS|20",
        "Give me ten ideas for a birthday party.|STATED_ITEMS|10",
        "twenty names of famous horses and who they belonged to|STATED_ITEMS|20",
        "write me a top 10 list of the funniest ways to die|STATED_ITEMS|10",
    })
    void shouldReadAStatedLengthWhenNoBoundIsGiven(String prompt, Kind kind, int count) {
        assertThat(ConstraintParser.parse(prompt)).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(kind);
            assertThat(c.count()).isEqualTo(count);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Summarise this in 50 words.",
        "Write an essay of under 500 words on trees.",
        "Write a 300 word or less bio.",
        "Translate the first 200 words of the text below.",
        "Turn the speech into a top 100 rap song.",
        "Give me 3 ideas for dinner.",
        "Give me 10 minutes to think.",
        "List 5 examples for each of the categories.",
        "Write a paragraph of 200 words in capital letters.",
    })
    void shouldReadNoStatedLengthWhenTheNumberIsABoundAFormatOrNoCount(String prompt) {
        assertThat(ConstraintParser.parse(prompt))
                .noneMatch(c -> c.kind() == Kind.STATED_WORDS || c.kind() == Kind.STATED_ITEMS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Write me a 2000 word essay on dams.|700|true",
        "Write me a 2000 word essay on dams.|1000|false",
        "Write me a 2000 word essay on dams.|1400|false",
    })
    void shouldFlagAStatedWordLengthOnlyWhenUnderHalfIsWritten(String prompt, int words, boolean violated) {
        Constraint constraint = ConstraintParser.parse(prompt).get(0);

        assertThat(ConstraintChecker.check(constraint, "word ".repeat(words)) != null).isEqualTo(violated);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "7|true",
        "14|true",
        "15|false",
        "20|false",
    })
    void shouldFlagAStatedItemCountOnlyWhenUnderThreeQuartersAreGiven(int items, boolean violated) {
        Constraint constraint = ConstraintParser.parse("Please list 20 films about the sea.").get(0);
        StringBuilder list = new StringBuilder("Here are some films:\n");
        for (int i = 1; i <= items; i++) {
            list.append(i).append(". Film number ").append(i).append(", a fine one\n");
        }

        ConstraintViolation violation = ConstraintChecker.check(constraint, list.toString());

        assertThat(violation != null).isEqualTo(violated);
        if (violated) {
            assertThat(violation.reason()).contains(items + " items").contains("20 items");
        }
    }
}
