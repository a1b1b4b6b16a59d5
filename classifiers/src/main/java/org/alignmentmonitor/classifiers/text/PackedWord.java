package org.alignmentmonitor.classifiers.text;

/**
 * Words of 1 to {@value #MAX_PACKED} ASCII letters packed into a long, case folded: nearly every word
 * of real traffic, looked up in tables without allocating a string.
 */
public final class PackedWord {

    /** 5 bits per letter a-z (1..26, so no packed word is 0 and lengths differ) fit 12 letters in a long. */
    public static final int MAX_PACKED = 12;
    public static final long NOT_PACKED = -1;

    private PackedWord() {}

    /** The lower-cased ASCII letters of {@code text[start, end)} packed, or {@link #NOT_PACKED}. */
    public static long pack(CharSequence text, int start, int end) {
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

    public static long pack(CharSequence word) {
        return pack(word, 0, word.length());
    }

    /** {@code key} with the ASCII letter {@code c} appended. */
    public static long packLetter(long key, char c) {
        return key << 5 | (c | 0x20) - 'a' + 1;
    }

    /** Slot of a packed key in a power-of-two table addressed by its top {@code 64 - shift} bits. */
    static int spread(long key, int shift) {
        return (int) (key * 0x9E3779B97F4A7C15L >>> shift);
    }
}
