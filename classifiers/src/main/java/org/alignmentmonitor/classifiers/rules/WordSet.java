package org.alignmentmonitor.classifiers.rules;

import java.util.Locale;
import java.util.Set;

/**
 * A set of lower-case words, looked up by a word of a text compared case-insensitively, exactly as
 * {@code words.contains(text.substring(start, end).toLowerCase(Locale.ROOT))} would. Words of 1 to
 * {@value #MAX_PACKED} ASCII letters, nearly all words of real traffic, are packed into a long (once
 * per text, see {@link WordIndex}) and looked up in an open-addressing table without allocating;
 * others take the substring path.
 */
final class WordSet {

    /** 5 bits per letter a-z (1..26, so no packed word is 0 and lengths differ) fit 12 letters in a long. */
    static final int MAX_PACKED = 12;
    static final long NOT_PACKED = -1;

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
        if (end <= start || end - start > MAX_PACKED) {
            return NOT_PACKED;
        }
        long key = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return NOT_PACKED;
            }
            key = packLetter(key, c);
        }
        return key;
    }

    /** {@code key} with the ASCII letter {@code c} appended. */
    static long packLetter(long key, char c) {
        return key << 5 | (c | 0x20) - 'a' + 1;
    }
}
