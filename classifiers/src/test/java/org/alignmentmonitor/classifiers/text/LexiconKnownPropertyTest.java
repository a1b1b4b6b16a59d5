package org.alignmentmonitor.classifiers.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link Lexicon.Known}, the per-thread memo, answers exactly as the lexicon it fronts, whatever the order of words. */
class LexiconKnownPropertyTest {

    private static final Lexicon LEXICON = new Lexicon(Map.of("word", 3, "answer", 1, "café", 2, "internationalisation", 1));

    @Property(tries = 2000)
    void shouldAnswerAsTheLexiconWhenWordsRepeatAndCollide(@ForAll("words") java.util.List<String> words) {
        Lexicon.Known known = LEXICON.known();
        for (String word : words) {
            String text = " " + word + " ";
            assertThat(known.contains(text, 1, 1 + word.length())).as(word)
                    .isEqualTo(LEXICON.contains(text, 1, 1 + word.length()));
        }
    }

    @Provide
    Arbitrary<java.util.List<String>> words() {
        Arbitrary<String> known = Arbitraries.of("word", "WORD", "Word", "answer", "café", "CAFÉ", "internationalisation");
        Arbitrary<String> random = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofMinLength(1)
                .ofMaxLength(14);
        return Arbitraries.oneOf(known, random).list().ofMaxSize(200);
    }
}
