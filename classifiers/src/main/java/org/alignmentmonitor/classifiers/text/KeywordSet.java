package org.alignmentmonitor.classifiers.text;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A case-insensitive whole-word search for ASCII keywords: the same answer as the regex
 * {@code (?i)\b(?:k1|k2|p1\w*|...)\b}, found by one scan of the text's words and a table look-up
 * per word. The regex tries every alternative at every word boundary, which made request
 * classification the largest single cost of the rule suite. An entry ending in {@code *} is a
 * prefix that may be followed by more ASCII letters, digits or underscores ({@code \w*}). Entries
 * are 1 to {@value PackedWord#MAX_PACKED} letters a-z.
 */
public final class KeywordSet {

    private final long[] words;
    /** Index: prefix length; sorted packed prefixes of that length (empty when there are none). */
    private final long[][] prefixes;

    private KeywordSet(long[] words, long[][] prefixes) {
        this.words = words;
        this.prefixes = prefixes;
    }

    public static KeywordSet of(List<String> entries) {
        long[] words = new long[0];
        long[][] prefixes = new long[PackedWord.MAX_PACKED + 1][0];
        for (String entry : entries) {
            boolean prefix = entry.endsWith("*");
            String letters = (prefix ? entry.substring(0, entry.length() - 1) : entry).toLowerCase(Locale.ROOT);
            long packed = PackedWord.pack(letters);
            if (packed == PackedWord.NOT_PACKED) {
                throw new IllegalArgumentException("not 1 to 12 letters a-z: " + entry);
            }
            if (prefix) {
                prefixes[letters.length()] = append(prefixes[letters.length()], packed);
            } else {
                words = append(words, packed);
            }
        }
        return new KeywordSet(words, prefixes);
    }

    /**
     * Whether a keyword is a whole word of {@code text[from, to)}; the text outside the range is
     * taken not to exist, as a regex matcher's default (opaque) region does.
     */
    public boolean findIn(CharSequence text, int from, int to) {
        int i = from;
        if (i < to && i > 0 && Character.isLowSurrogate(text.charAt(i)) && Character.isHighSurrogate(text.charAt(i - 1))) {
            // The range starts inside a pair: \b reads the whole code point before it, so a word
            // running through the start does not start at a boundary.
            i++;
            if (isWordChar(text, Character.codePointAt(text, i - 2), i - 2, i - 2)) {
                int cp;
                while (i < to && isWordChar(text, cp = Character.codePointAt(text, i), i, from)) {
                    i += Character.charCount(cp);
                }
            }
        }
        while (i < to) {
            int cp = codePointAt(text, i);
            if (!isWordChar(text, cp, i, from)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < to && isWordChar(text, cp = codePointAt(text, i), i, from)) {
                i += Character.charCount(cp);
            }
            if (matches(text, start, Math.min(i, to))) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(CharSequence text, int start, int end) {
        // One pass packs every prefix of the word's leading ASCII letters: each is looked up among the
        // prefixes of its length, and the whole word among the words when all of it is packed.
        int limit = Math.min(end - start, PackedWord.MAX_PACKED);
        long key = 0;
        int length = 0;
        while (length < limit) {
            char c = text.charAt(start + length);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false; // neither the word nor any longer prefix is all letters
            }
            key = PackedWord.packLetter(key, c);
            length++;
            if (prefixes[length].length > 0 && Arrays.binarySearch(prefixes[length], key) >= 0
                    && isAsciiWord(text, start + length, end)) {
                return true;
            }
        }
        return length == end - start && Arrays.binarySearch(words, key) >= 0;
    }

    /** The code point at {@code i}, without the general path for the ASCII characters most text is made of. */
    private static int codePointAt(CharSequence text, int i) {
        char c = text.charAt(i);
        return c < 128 ? c : Character.codePointAt(text, i);
    }

    /**
     * A word character as {@code \b} sees it: a letter, digit or underscore, or a non-spacing mark
     * after a letter or digit (through other marks), looking no further back than {@code from}.
     */
    private static boolean isWordChar(CharSequence text, int cp, int i, int from) {
        if (cp < 128) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == '_';
        }
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        if (Character.getType(cp) != Character.NON_SPACING_MARK) {
            return false;
        }
        for (int k = i - 1; k >= from; k--) {
            char before = text.charAt(k);
            if (Character.isLetterOrDigit(before)) {
                return true;
            }
            if (Character.getType(before) != Character.NON_SPACING_MARK) {
                return false;
            }
        }
        return false;
    }

    /** {@code \w*}: ASCII letters, digits and underscores only. */
    private static boolean isAsciiWord(CharSequence text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static long[] append(long[] sorted, long value) {
        long[] grown = Arrays.copyOf(sorted, sorted.length + 1);
        grown[sorted.length] = value;
        Arrays.sort(grown);
        return grown;
    }
}
