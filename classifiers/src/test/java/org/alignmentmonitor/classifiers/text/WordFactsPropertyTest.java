package org.alignmentmonitor.classifiers.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link WordFacts}, the per-thread memo, answers exactly as the resources it fronts (lexicon, Lucene stems,
 * document frequencies, word classes), whatever the order in which words and facts are asked.
 */
class WordFactsPropertyTest {

    private static final WordClasses CLASSES = FluencyModel.english().classes();
    /** The same frequent words, not remembered: the reference the memo must match. */
    private static final WordClasses UNREMEMBERED = new WordClasses(CLASSES.words());

    @Property(tries = 300)
    void shouldAnswerAsTheResourcesWhenWordsRepeatAndCollide(@ForAll("words") List<String> words) {
        WordFacts facts = WordFacts.thread();
        int i = 0;
        for (String word : words) {
            String text = " " + word + " ";
            int end = 1 + word.length();
            long key = PackedWord.pack(text, 1, end);
            // ask the facts in a changing order, so each is made first sometimes
            switch (i++ % 3) {
                case 0 -> {
                    assertKnown(facts, text, end);
                    assertStem(facts, text, end, key);
                }
                case 1 -> {
                    assertStem(facts, text, end, key);
                    assertClass(facts, text, end, key);
                }
                default -> {
                    assertClass(facts, text, end, key);
                    assertKnown(facts, text, end);
                    assertStem(facts, text, end, key);
                }
            }
        }
    }

    private static void assertKnown(WordFacts facts, String text, int end) {
        assertThat(facts.isKnown(text, 1, end)).as(text).isEqualTo(Lexicon.english().contains(text, 1, end));
    }

    private static void assertStem(WordFacts facts, String text, int end, long key) {
        if (key == PackedWord.NOT_PACKED) {
            return;
        }
        String stem = Stems.stem(text.substring(1, end));
        assertThat(facts.stem(text, 1, end, key)).as(text).isEqualTo(Stems.hash(stem));
        assertThat(facts.variant(text, 1, end, key)).as(text).isEqualTo(Stems.variant(stem));
        assertThat(facts.idf(text, 1, end, key)).as(text).isEqualTo(DocumentFrequencies.english().idf(Stems.hash(stem)));
    }

    private static void assertClass(WordFacts facts, String text, int end, long key) {
        if (key == PackedWord.NOT_PACKED || !text.equals(text.toLowerCase(java.util.Locale.ROOT))) {
            return;
        }
        assertThat(facts.lowerCaseClass(CLASSES, text, 1, end, key)).as(text)
                .isEqualTo(UNREMEMBERED.classOf(text, 1, end, key));
    }

    @Provide
    Arbitrary<List<String>> words() {
        Arbitrary<String> common = Arbitraries.of("the", "The", "running", "runs", "photosynthesis", "café", "porcupines",
                "internationalisation", "happiness", "Nation", "QUICK", "xylophone");
        Arbitrary<String> random = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofMinLength(1)
                .ofMaxLength(14);
        return Arbitraries.oneOf(common, random).list().ofMaxSize(100);
    }
}
