package org.alignmentmonitor.classifiers.rules;

import java.util.Arrays;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.text.TextMemo;

/**
 * The words (maximal runs of letters) of {@code text[0, limit)}, each with its letters packed for
 * {@link WordSet}. The language, profanity, gibberish and injection rules all scan the same
 * completion and prompt word by word; finding the words once per text instead of once per rule
 * saves the scan that cost most of those rules' time.
 */
final class WordIndex {

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
    private int size;

    private WordIndex(CharSequence text, int limit) {
        this.text = text;
        this.limit = limit;
        int capacity = Math.max(8, limit / 5);
        starts = new int[capacity];
        ends = new int[capacity];
        packed = new long[capacity];
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
            char c;
            while (position < limit && Texts.isLetter(c = text.charAt(position))) {
                ascii &= c < 128; // the ASCII letters are a-z and A-Z
                key = WordSet.packLetter(key, c);
                position++;
            }
            add(start, position, ascii && position - start <= WordSet.MAX_PACKED ? key : WordSet.NOT_PACKED);
        }
    }

    /** The words of {@code text[0, limit)}, or of a longer prefix: {@link Prose.Words} cuts them at its limit. */
    static WordIndex of(CharSequence text, int limit) {
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

    private void add(int start, int end, long packedLetters) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            packed = Arrays.copyOf(packed, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        packed[size] = packedLetters;
        size++;
    }

    CharSequence text() {
        return text;
    }

    int size() {
        return size;
    }

    int start(int word) {
        return starts[word];
    }

    int end(int word) {
        return ends[word];
    }

    /** The word's letters packed by {@link WordSet#pack}. */
    long packed(int word) {
        return packed[word];
    }
}
