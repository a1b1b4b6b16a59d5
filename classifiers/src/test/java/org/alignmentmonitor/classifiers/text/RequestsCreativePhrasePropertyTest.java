package org.alignmentmonitor.classifiers.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The creative cue's cheap precondition holds wherever its phrase regex matches, so skipping the regex changes no answer. */
class RequestsCreativePhrasePropertyTest {

    /** The creative cue's phrase regex, as in {@link Requests}. */
    private static final Pattern PHRASES = Pattern.compile("(?i)\\b(?:role-?play|act as|write me|make up|come up with)\\b");

    @Property(tries = 5000)
    void shouldHoldWheneverTheRegexMatches(@ForAll("texts") String text, @ForAll @IntRange(max = 12) int cut) {
        int from = Math.min(cut, text.length());
        if (PHRASES.matcher(text).region(from, text.length()).find()) {
            assertThat(Requests.mayHaveCreativePhrase(text, from, text.length())).as("'%s' from %d", text, from).isTrue();
        }
    }

    @Property(tries = 500)
    void shouldNotHoldWhenNoPhraseWordIsThere(@ForAll("plain") String text) {
        assertThat(Requests.mayHaveCreativePhrase(text, 0, text.length())).as(text).isFalse();
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of("role", "ROLE", "-", "play", "Play", "act", "ACT", " as", "as", " ",
                "write", "Write", " me", "make", " up", "come", " with", "x", "_", "é", "\u0301", "\n", "\t", ".", "1");
        return pieces.list().ofMaxSize(8).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> plain() {
        return Arbitraries.of("Summarise this article", "What is the capital of France?", "the actor's part",
                "an actor wrote", "comedy makeup");
    }
}
