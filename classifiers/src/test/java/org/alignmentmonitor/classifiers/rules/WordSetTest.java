package org.alignmentmonitor.classifiers.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shared word scan ({@link org.alignmentmonitor.classifiers.text.WordIndex} behind {@link Prose.Words}) and {@link WordSet} answer
 * exactly as the per-rule scans and {@code set.contains(word.toLowerCase(Locale.ROOT))} they
 * replaced, also on the characters whose case mapping is special.
 */
class WordSetTest {

    private static final String ALPHABET = "abcdeiorstzABEIRSTZ  ,.\n0123456789éÉßİıΣσςŁ中文ँ́-'";
    private static final Set<String> WORDS = Set.of("the", "a", "rate", "für", "straße", "i", "ı", "σας", "abcdefghijkl",
            "abcdefghijklm", "Capital", "中文");

    private final Random random = new Random(42);

    @Test
    void shouldFindTheSameWordsAsALetterScanAtEveryLimit() {
        for (int round = 0; round < 2_000; round++) {
            String text = randomText();
            int limit = random.nextInt(text.length() + 2);

            List<String> found = new ArrayList<>();
            for (Prose.Words w = new Prose.Words(text, limit); w.next(); ) {
                found.add(w.start() + "-" + w.end());
            }

            assertThat(found).as("words of \"%s\" before %d", text, limit).isEqualTo(letterRuns(text, limit));
        }
    }

    @Test
    void shouldMatchWordsLikeALowerCasedSetLookup() {
        WordSet set = new WordSet(WORDS);
        for (int round = 0; round < 2_000; round++) {
            String text = random.nextBoolean() ? randomText() : randomSpelling();
            int limit = random.nextInt(text.length() + 2);
            for (Prose.Words w = new Prose.Words(text, limit); w.next(); ) {
                String word = text.substring(w.start(), w.end());
                assertThat(set.contains(w)).as("'%s'", word).isEqualTo(WORDS.contains(word.toLowerCase(Locale.ROOT)));
            }
        }
    }

    private String randomText() {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** Set words in random case, sometimes cut or extended, between separators. */
    private String randomSpelling() {
        StringBuilder text = new StringBuilder();
        for (String word : WORDS) {
            String spelled = random.nextBoolean() ? word.toUpperCase(Locale.ROOT) : word;
            if (random.nextInt(4) == 0) {
                spelled = spelled.substring(0, random.nextInt(spelled.length() + 1)) + (random.nextBoolean() ? "x" : "");
            }
            text.append(spelled).append(random.nextBoolean() ? " " : ", ");
        }
        return text.toString();
    }

    private static List<String> letterRuns(String text, int limit) {
        List<String> runs = new ArrayList<>();
        int end = Math.min(limit, text.length());
        int i = 0;
        while (i < end) {
            if (!Character.isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < end && Character.isLetter(text.charAt(i))) {
                i++;
            }
            runs.add(start + "-" + i);
        }
        return runs;
    }
}
