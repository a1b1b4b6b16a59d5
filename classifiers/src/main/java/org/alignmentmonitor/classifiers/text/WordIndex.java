package org.alignmentmonitor.classifiers.text;

import java.util.Arrays;
import org.alignmentmonitor.classifiers.Texts;

/**
 * The words (maximal runs of letters) of {@code text[0, limit)}, each with its letters packed by
 * {@link PackedWord} and whether it has an ASCII capital. The language, profanity, gibberish, injection,
 * off-topic and word-salad rules all read the same completion word by word; finding the words once per
 * text (see {@link TextMemo}) instead of once per rule saves the scan that cost most of their time.
 */
public final class WordIndex {

    /** One index per text and interaction, shared by the rules (see {@link TextMemo}); it serves any limit up to its own. */
    private static final TextMemo.Kind KIND = new TextMemo.Kind("words");

    /**
     * Texts are indexed at least this far, the most any rule scans of a completion, so that a rule
     * that only looks at the beginning does not leave an index too short for the others.
     */
    private static final int MIN_INDEXED = 20_000;

    private final CharSequence text;
    private final int limit;
    private int[] starts;
    private int[] ends;
    private long[] packed;
    private boolean[] capitals;
    private int size;

    private WordIndex(CharSequence text, int limit) {
        this.text = text;
        this.limit = limit;
        int capacity = Math.max(8, limit / 5);
        starts = new int[capacity];
        ends = new int[capacity];
        packed = new long[capacity];
        capitals = new boolean[capacity];
        int position = 0;
        while (true) {
            while (position < limit && !Texts.isLetter(text.charAt(position))) {
                position++;
            }
            if (position >= limit) {
                return;
            }
            int start = position;
            long key = 0;
            boolean ascii = true;
            boolean capital = false;
            char c;
            while (position < limit && Texts.isLetter(c = text.charAt(position))) {
                ascii &= c < 128; // the ASCII letters are a-z and A-Z
                capital |= c < 'a'; // of the letters, only the ASCII capitals come before 'a'
                key = PackedWord.packLetter(key, c);
                position++;
            }
            add(start, position, ascii && position - start <= PackedWord.MAX_PACKED ? key : PackedWord.NOT_PACKED,
                    capital);
        }
    }

    /** The words of {@code text[0, limit)}, or of a longer prefix: a reader cuts them at its own limit. */
    public static WordIndex of(CharSequence text, int limit) {
        int end = Math.min(Math.max(limit, MIN_INDEXED), text.length());
        if (!(text instanceof String)) {
            return new WordIndex(text, end);
        }
        TextMemo memo = TextMemo.thread();
        if (memo.get(KIND, text, 0, 0) instanceof WordIndex known && known.limit >= end) {
            return known;
        }
        return memo.put(KIND, text, 0, 0, new WordIndex(text, end));
    }

    private void add(int start, int end, long packedLetters, boolean capital) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            packed = Arrays.copyOf(packed, size * 2);
            capitals = Arrays.copyOf(capitals, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        packed[size] = packedLetters;
        capitals[size] = capital;
        size++;
    }

    public CharSequence text() {
        return text;
    }

    public int size() {
        return size;
    }

    public int start(int word) {
        return starts[word];
    }

    public int end(int word) {
        return ends[word];
    }

    /** The word's letters packed by {@link PackedWord#pack}, or {@link PackedWord#NOT_PACKED}. */
    public long packed(int word) {
        return packed[word];
    }

    /** Whether the word has a letter A-Z. */
    public boolean hasCapital(int word) {
        return capitals[word];
    }

    /** The first word that ends after {@code position}, or {@link #size()} when none does. */
    public int firstEndingAfter(int position) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ends[middle] <= position) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
