package org.alignmentmonitor.classifiers.text;

import java.util.Arrays;
import org.alignmentmonitor.classifiers.CharClass;
import org.alignmentmonitor.classifiers.Texts;

/**
 * Normalised word tokens of a text: maximal runs of letters and digits, case-folded, each kept as
 * its character span and a 64-bit hash. CJK ideographs and kana are one token each because those
 * scripts do not separate words with spaces. Punctuation and whitespace never form tokens, so
 * "Hello,  WORLD" and "hello world" give the same hashes. Each token also records whether it
 * starts a sentence (first token, or first after a line break or a . ! ? followed by a space).
 *
 * <p>Hashes, not strings: the rules compare token sequences on the stream thread for every
 * interaction, and hashing avoids one allocation per token.
 */
public final class Tokens {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** Odd multiplier of the polynomial n-gram hash. */
    private static final long NGRAM_BASE = 0x9E3779B97F4A7C15L;
    private static final boolean[] ASCII_WORD = new boolean[128];
    /** An ASCII word character's case-folded value ({@link #fold}), 0 for other ASCII: no branch on capitals. */
    private static final byte[] ASCII_FOLDED = new byte[128];
    /** Letters, digits and the combining marks inside words (accents, Indic vowel signs). */
    private static final CharClass WORD_PART = CharClass.of(cp -> {
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    });

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_WORD[c] = Character.isLetterOrDigit(c);
            ASCII_FOLDED[c] = (byte) (ASCII_WORD[c] ? fold(c) : 0);
        }
    }

    /** Token lists of the texts of the interaction being scored, shared by the rules (see {@link TextMemo}). */
    private static final TextMemo.Kind KIND = new TextMemo.Kind("tokens");

    private int[] starts;
    private int[] ends;
    private long[] hashes;
    private boolean[] sentenceStarts;
    private int size;

    private Tokens(int capacity) {
        starts = new int[capacity];
        ends = new int[capacity];
        hashes = new long[capacity];
        sentenceStarts = new boolean[capacity];
    }

    public static Tokens of(CharSequence text) {
        return of(text, 0, text.length());
    }

    /** Tokens of {@code text[from, to)}; offsets stay relative to the whole text. */
    public static Tokens of(CharSequence text, int from, int to) {
        if (!(text instanceof String)) {
            return tokenise(text, from, to);
        }
        return TextMemo.thread().remember(KIND, text, from, to, () -> tokenise(text, from, to));
    }

    private static Tokens tokenise(CharSequence text, int from, int to) {
        Tokens tokens = new Tokens(Math.max(8, (to - from) / 5));
        boolean sentenceStart = true;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c < 128 && !ASCII_WORD[c]) { // fast path: most characters are ASCII
                // A space never ends a sentence, and a start already seen needs no second one.
                sentenceStart = sentenceStart || c != ' ' && Sentences.endsAt(text, i, to);
                i++;
                continue;
            }
            int cp = Character.codePointAt(text, i);
            if (isSingleCharWord(cp)) {
                tokens.add(i, i + Character.charCount(cp), mix(FNV_OFFSET ^ cp), sentenceStart);
                sentenceStart = false;
                i += Character.charCount(cp);
            } else if (Texts.isLetterOrDigit(cp)) {
                int start = i;
                long hash = FNV_OFFSET;
                while (i < to) {
                    c = text.charAt(i);
                    if (c < 128) {
                        int folded = ASCII_FOLDED[c];
                        if (folded == 0) {
                            break;
                        }
                        hash = (hash ^ folded) * FNV_PRIME;
                        i++;
                    } else {
                        cp = Character.codePointAt(text, i);
                        if (!WORD_PART.contains(cp) || isSingleCharWord(cp)) {
                            break;
                        }
                        hash = (hash ^ fold(cp)) * FNV_PRIME;
                        i += Character.charCount(cp);
                    }
                }
                tokens.add(start, i, mix(hash), sentenceStart);
                sentenceStart = false;
            } else {
                sentenceStart |= Sentences.endsAt(text, i, to);
                i += Character.charCount(cp);
            }
        }
        return tokens;
    }

    public int size() {
        return size;
    }

    public int start(int token) {
        return starts[token];
    }

    public int end(int token) {
        return ends[token];
    }

    public long hash(int token) {
        return hashes[token];
    }

    public boolean startsSentence(int token) {
        return sentenceStarts[token];
    }

    /**
     * Hash of every run of {@code n} consecutive tokens: element i covers tokens [i, i + n). Empty
     * when there are fewer than n tokens. Computed by a rolling polynomial hash, O(size).
     */
    public long[] ngramHashes(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, was " + n);
        }
        int count = size - n + 1;
        if (count <= 0) {
            return new long[0];
        }
        long topPower = 1;
        for (int k = 1; k < n; k++) {
            topPower *= NGRAM_BASE;
        }
        long[] result = new long[count];
        long hash = 0;
        for (int k = 0; k < n; k++) {
            hash = hash * NGRAM_BASE + hashes[k];
        }
        result[0] = hash;
        for (int i = 1; i < count; i++) {
            hash = (hash - hashes[i - 1] * topPower) * NGRAM_BASE + hashes[i + n - 1];
            result[i] = hash;
        }
        return result;
    }

    private void add(int start, int end, long hash, boolean sentenceStart) {
        if (size == starts.length) {
            int capacity = size * 2;
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
            sentenceStarts = Arrays.copyOf(sentenceStarts, capacity);
        }
        starts[size] = start;
        ends[size] = end;
        hashes[size] = hash;
        sentenceStarts[size] = sentenceStart;
        size++;
    }

    private static int fold(int cp) {
        if (cp < 128) {
            return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
        }
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    private static boolean isSingleCharWord(int cp) {
        if (cp < 0x2E80) {
            return false;
        }
        if (Character.isIdeographic(cp)) {
            return true;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
    }

    /** Spreads the bits of a token hash so that polynomial n-gram hashes of similar tokens differ. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
