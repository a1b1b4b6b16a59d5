package org.alignmentmonitor.classifiers.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The English words seen in the shipped corpus (strong-model answers and the requests they answer,
 * see {@link EnglishStatisticsBuilder}), with their counts. Thread-safe and immutable.
 */
public final class Lexicon {

    static final String RESOURCE = "english-lexicon.tsv.gz";

    private static final class Shipped {
        static final Lexicon INSTANCE = load();
    }

    private final LongIntTable packed;
    private final Map<String, Integer> unpacked;
    /** Every word, sorted, for prefix look-ups. */
    private final String[] sorted;

    Lexicon(Map<String, Integer> counts) {
        Map<Long, Integer> byKey = new HashMap<>();
        Map<String, Integer> others = new HashMap<>();
        counts.forEach((word, count) -> {
            long key = PackedWord.pack(word);
            if (key == PackedWord.NOT_PACKED) {
                others.put(word, count);
            } else {
                byKey.put(key, count);
            }
        });
        packed = new LongIntTable(byKey);
        unpacked = Map.copyOf(others);
        sorted = counts.keySet().toArray(String[]::new);
        Arrays.sort(sorted);
    }

    /** The shipped English lexicon, loaded on first use. */
    public static Lexicon english() {
        return Shipped.INSTANCE;
    }

    private static Lexicon load() {
        Map<String, Integer> counts = new HashMap<>();
        for (String[] row : Resources.rows(RESOURCE)) {
            if (row.length == 2) {
                counts.put(row[0], Integer.parseInt(row[1]));
            }
        }
        return new Lexicon(counts);
    }

    /** Times the word of {@code text[start, end)} (any case) was seen; 0 when never. */
    public int count(CharSequence text, int start, int end) {
        long key = PackedWord.pack(text, start, end);
        if (key != PackedWord.NOT_PACKED) {
            return packed.get(key, 0);
        }
        return unpacked.getOrDefault(text.subSequence(start, end).toString().toLowerCase(Locale.ROOT), 0);
    }

    /** {@link #count} of a word already packed by {@link PackedWord#pack}. */
    public int count(long packedWord) {
        return packed.get(packedWord, 0);
    }

    public boolean contains(CharSequence text, int start, int end) {
        return count(text, start, end) > 0;
    }

    /** Whether some longer known word starts with {@code text[start, end)} (any case): a word cut short. */
    public boolean isPrefixOfLongerWord(CharSequence text, int start, int end) {
        String prefix = text.subSequence(start, end).toString().toLowerCase(Locale.ROOT);
        int at = Arrays.binarySearch(sorted, prefix);
        int next = at >= 0 ? at + 1 : -at - 1;
        return next < sorted.length && sorted[next].startsWith(prefix) && sorted[next].length() > prefix.length();
    }

    /** Words known to the lexicon, for tests and the builder's round trip. */
    List<String> words() {
        return List.of(sorted);
    }
}
