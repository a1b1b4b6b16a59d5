package org.alignmentmonitor.classifiers.text;

/**
 * What the rules look up about a word in the shipped English resources, kept per thread and per distinct
 * word: its {@link Stems stem} and variant key, the stem's {@link DocumentFrequencies IDF}, whether the
 * {@link Lexicon} knows it, and its {@link WordClasses class} in the fluency model when written in lower case.
 * Token soup, word salad and off-topic read the same words of an answer one after the other; each used to
 * keep its own table, so a word cost a cache miss per rule. Here the facts of a word sit side by side in
 * one slot: the first rule's miss brings them in for the others. Each fact is made on first need.
 *
 * <p>Only words packed by {@link PackedWord} are kept; callers look other words up directly. Use the
 * instance of the calling thread ({@link #thread()}) on that thread only.
 */
public final class WordFacts {

    /** 64K words: the vocabulary of a day's answers mostly fits, and a stem miss costs a run of Lucene's analyser. */
    private static final int BITS = 16;
    /**
     * Longs per slot (32 bytes): packed word (0: empty; no packed word is 0), stem hash,
     * IDF bits, and the flags with the lower-case class and the variant key (25 bits: five packed letters).
     */
    private static final int WIDTH = 4;
    private static final int STEM = 1;
    private static final int IDF = 2;
    private static final int FLAGS = 3;
    private static final long STEMMED = 1;
    private static final long WEIGHED = 2;
    private static final long LOOKED_UP = 4;
    private static final long KNOWN = 8;
    private static final long CLASSED = 16;
    private static final int CLASS_SHIFT = 8;
    private static final long CLASS_MASK = 0xFF_FFFFL;
    private static final int VARIANT_SHIFT = 32;

    private static final ThreadLocal<WordFacts> THREAD = ThreadLocal.withInitial(WordFacts::new);

    private final long[] slots = new long[WIDTH << BITS];

    private WordFacts() {}

    /** The calling thread's facts. */
    public static WordFacts thread() {
        return THREAD.get();
    }

    /** {@link Stems#of}: the stem hash of the word {@code text[start, end)} packed as {@code key} (not NOT_PACKED). */
    public long stem(CharSequence text, int start, int end, long key) {
        return slots[stemmedSlot(text, start, end, key) + STEM];
    }

    /** {@link Stems#variantOf}; arguments as for {@link #stem}. */
    public long variant(CharSequence text, int start, int end, long key) {
        return slots[stemmedSlot(text, start, end, key) + FLAGS] >>> VARIANT_SHIFT;
    }

    /** {@link DocumentFrequencies#idf} of the word's {@link #stem}; arguments as for {@link #stem}. */
    public double idf(CharSequence text, int start, int end, long key) {
        int slot = stemmedSlot(text, start, end, key);
        if ((slots[slot + FLAGS] & WEIGHED) == 0) {
            slots[slot + IDF] = Double.doubleToRawLongBits(DocumentFrequencies.english().idf(slots[slot + STEM]));
            slots[slot + FLAGS] |= WEIGHED;
        }
        return Double.longBitsToDouble(slots[slot + IDF]);
    }

    /** Whether the shipped {@link Lexicon} knows the word {@code text[start, end)}, any case; any word. */
    public boolean isKnown(CharSequence text, int start, int end) {
        long key = PackedWord.pack(text, start, end);
        if (key == PackedWord.NOT_PACKED) {
            return Lexicon.english().contains(text, start, end);
        }
        int slot = slot(key);
        long flags = slots[slot + FLAGS];
        if ((flags & LOOKED_UP) == 0) {
            flags |= LOOKED_UP | (Lexicon.english().count(key) > 0 ? KNOWN : 0);
            slots[slot + FLAGS] = flags;
        }
        return (flags & KNOWN) != 0;
    }

    /** The class of a lower-case word packed as {@code key} in the shipped model's {@code classes}. */
    int lowerCaseClass(WordClasses classes, CharSequence text, int start, int end, long key) {
        int slot = slot(key);
        long flags = slots[slot + FLAGS];
        if ((flags & CLASSED) == 0) {
            flags |= CLASSED | (long) classes.classOf(text, start, end, key) << CLASS_SHIFT;
            slots[slot + FLAGS] = flags;
        }
        return (int) (flags >>> CLASS_SHIFT & CLASS_MASK);
    }

    private int stemmedSlot(CharSequence text, int start, int end, long key) {
        int slot = slot(key);
        if ((slots[slot + FLAGS] & STEMMED) == 0) {
            String stem = Stems.stem(text.subSequence(start, end).toString());
            slots[slot + STEM] = Stems.hash(stem);
            slots[slot + FLAGS] |= STEMMED | Stems.variant(stem) << VARIANT_SHIFT;
        }
        return slot;
    }

    /** The slot of {@code key}, cleared of another word's facts when that word held it. */
    private int slot(long key) {
        int slot = WIDTH * PackedWord.spread(key, Long.SIZE - BITS);
        if (slots[slot] != key) {
            slots[slot] = key;
            slots[slot + FLAGS] = 0;
        }
        return slot;
    }
}
