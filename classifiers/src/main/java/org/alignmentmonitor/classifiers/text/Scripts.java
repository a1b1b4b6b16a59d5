package org.alignmentmonitor.classifiers.text;

/** The writing system of a letter, coarsely: enough to see several scripts mixed in one answer. */
public final class Scripts {

    public static final int NONE = 0;
    public static final int LATIN = 1;
    public static final int CYRILLIC = 2;
    public static final int GREEK = 3;
    public static final int ARABIC = 4;
    public static final int HEBREW = 5;
    public static final int CJK = 6;
    public static final int HANGUL = 7;
    public static final int INDIC = 8;
    public static final int THAI = 9;
    public static final int OTHER = 10;
    public static final int COUNT = 11;

    /** {@link #classify} of every char: the rules ask for the script of every character they scan. */
    private static final byte[] TABLE = new byte[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            TABLE[c] = (byte) classify((char) c);
        }
    }

    private Scripts() {}

    /** The script of {@code c}, {@link #NONE} for a non-letter. */
    public static int of(char c) {
        return TABLE[c];
    }

    private static int classify(char c) {
        if (c < 0x80) {
            return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? LATIN : NONE;
        }
        if (!Character.isLetter(c)) {
            return NONE;
        }
        if (c < 0x250 || c >= 0x1E00 && c <= 0x1EFF) {
            return LATIN;
        }
        if (c >= 0x370 && c <= 0x3FF || c >= 0x1F00 && c <= 0x1FFF) {
            return GREEK;
        }
        if (c >= 0x400 && c <= 0x52F) {
            return CYRILLIC;
        }
        if (c >= 0x590 && c <= 0x5FF) {
            return HEBREW;
        }
        if (c >= 0x600 && c <= 0x6FF || c >= 0x750 && c <= 0x77F) {
            return ARABIC;
        }
        if (c >= 0x900 && c <= 0xDFF) {
            return INDIC;
        }
        if (c >= 0xE00 && c <= 0xE7F) {
            return THAI;
        }
        if (c >= 0x1100 && c <= 0x11FF || c >= 0xAC00 && c <= 0xD7AF) {
            return HANGUL;
        }
        if (c >= 0x3040 && c <= 0x30FF || c >= 0x3400 && c <= 0x9FFF || c >= 0xF900 && c <= 0xFAFF) {
            return CJK;
        }
        return OTHER;
    }

    /** Bit set of the scripts used in {@code text[from, to)}. */
    public static int used(CharSequence text, int from, int to) {
        int mask = 0;
        for (int i = from; i < to; i++) {
            mask |= 1 << of(text.charAt(i));
        }
        return mask & ~(1 << NONE);
    }
}
