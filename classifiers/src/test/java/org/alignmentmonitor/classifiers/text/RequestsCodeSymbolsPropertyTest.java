package org.alignmentmonitor.classifiers.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The code cue's cheap precondition holds wherever its regex matches, so skipping the regex changes no answer. */
class RequestsCodeSymbolsPropertyTest {

    /** The code cue's symbol regex, as in {@link Requests}. */
    private static final Pattern SYMBOLS =
            Pattern.compile("(?i)\\b(?:c\\+\\+|c#|base ?64|f\\(x\\)|[a-z]\\^\\d|\\d\\s*[-+*/^=]\\s*\\d)\\b");

    @Property(tries = 5000)
    void shouldHoldWheneverTheRegexMatches(@ForAll("texts") String text, @ForAll @IntRange(max = 12) int cut) {
        int from = Math.min(cut, text.length());
        if (SYMBOLS.matcher(text).region(from, text.length()).find()) {
            assertThat(Requests.mayHaveCodeSymbols(text, from, text.length())).as("'%s' from %d", text, from).isTrue();
        }
    }

    @Property(tries = 500)
    void shouldNotHoldForPlainWordsAndNumbers(@ForAll("plain") String text) {
        assertThat(Requests.mayHaveCodeSymbols(text, 0, text.length())).as(text).isFalse();
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of("c", "C", "++", "+", "#", "base", "BASE", " ", "64", "6", "4", "f(x)",
                "F(X)", "(", "x", "^", "a", "2", "9", "-", "*", "/", "=", "\t", "\n", "\u000B", "\u00A0", "word", "é", "_");
        return pieces.list().ofMaxSize(10).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> plain() {
        return Arbitraries.of("Write an essay", "Plan a trip for May 2024", "pages 10 to 12, not 5", "born in 1990 - or so",
                "What is the capital of France?", "Give me 3 ideas", "a-b/c");
    }
}
