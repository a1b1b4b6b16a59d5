package org.alignmentmonitor.classifiers.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** {@link KeywordSet} answers exactly as the regex alternation it replaces. */
class KeywordSetPropertyTest {

    private static final List<String> ENTRIES = List.of("code", "script", "scripts", "program*", "java*", "hex*", "api");
    private static final KeywordSet KEYWORDS = KeywordSet.of(ENTRIES);
    private static final Pattern REGEX = Pattern.compile("(?i)\\b(?:" + ENTRIES.stream()
            .map(entry -> entry.endsWith("*") ? entry.substring(0, entry.length() - 1) + "\\w*" : entry)
            .collect(Collectors.joining("|")) + ")\\b");

    @Property(tries = 5000)
    void shouldFindAKeywordExactlyWhenTheRegexDoes(@ForAll("texts") String text, @ForAll @IntRange(max = 30) int cut) {
        int from = Math.min(cut, text.length());

        assertThat(KEYWORDS.findIn(text, 0, text.length())).as(text).isEqualTo(REGEX.matcher(text).find());
        assertThat(KEYWORDS.findIn(text, from, text.length())).as("%s from %d", text, from)
                .isEqualTo(REGEX.matcher(text).region(from, text.length()).find());
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of("code", "CODE", "Scripts", "script", "programming", "program_2",
                "programé", "java8", "javaé", "hex", "hexagon", "api", "apis", "co", "de", " ", " ", ".", "-", "_", "é",
                "\u0301", "1", "ß", "𝐀", "\n", "codes", "xcode");
        return pieces.list().ofMaxSize(8).map(list -> String.join("", list));
    }
}
