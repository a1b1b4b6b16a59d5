package org.alignmentmonitor.classifiers.rules;

import java.util.Locale;
import java.util.Set;
import org.alignmentmonitor.classifiers.text.PackedWord;

/**
 * A set of lower-case words, looked up by a word of a text compared case-insensitively, exactly as
 * {@code words.contains(text.substring(start, end).toLowerCase(Locale.ROOT))} would. Words of 1 to
 * {@value #MAX_PACKED} ASCII letters, nearly all words of real traffic, are packed into a long (once
 * per text, see {@link org.alignmentmonitor.classifiers.text.WordIndex}) and looked up in an open-addressing table without allocating;
 * others take the substring path.
 */
final class WordSet {

    static final int MAX_PACKED = PackedWord.MAX_PACKED;
    static final long NOT_PACKED = PackedWord.NOT_PACKED;

    private final Set<String> words;
    /** The packable words, packed; 0 marks a free slot. At most a quarter full, so probes are short. */
    private final long[] table;
    private final int shift;

    WordSet(Set<String> words) {
        this.words = Set.copyOf(words);
        int bits = Math.max(4, 64 - Long.numberOfLeadingZeros(4L * words.size()));
        this.table = new long[1 << bits];
        this.shift = 64 - bits;
        for (String word : words) {
            long key = pack(word, 0, word.length());
            // An entry with capitals can never equal a lower-cased word, so it must not be packed (which folds case).
            if (key != NOT_PACKED && word.equals(word.toLowerCase(Locale.ROOT))) {
                table[slotOf(key)] = key;
            }
        }
    }

    /** Whether the current word of {@code word} is in the set. */
    boolean contains(Prose.Words word) {
        long key = word.packed();
        if (key == NOT_PACKED) {
            return words.contains(word.text().subSequence(word.start(), word.end()).toString().toLowerCase(Locale.ROOT));
        }
        return table[slotOf(key)] == key;
    }

    /** The slot holding {@code key}, or the free slot where it would go. */
    private int slotOf(long key) {
        int slot = (int) (key * 0x9E3779B97F4A7C15L >>> shift);
        while (table[slot] != 0 && table[slot] != key) {
            slot = (slot + 1) & (table.length - 1);
        }
        return slot;
    }

    /** The lower-cased ASCII letters of {@code text[start, end)} packed, or {@link #NOT_PACKED}. */
    static long pack(CharSequence text, int start, int end) {
        return PackedWord.pack(text, start, end);
    }

    /** {@code key} with the ASCII letter {@code c} appended. */
    static long packLetter(long key, char c) {
        return PackedWord.packLetter(key, c);
    }
}
