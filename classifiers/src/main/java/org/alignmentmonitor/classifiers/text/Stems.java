package org.alignmentmonitor.classifiers.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Content-word stems as Lucene's {@link EnglishAnalyzer} makes them (possessives dropped, lower case,
 * stop words removed, Porter stems), identified by a 64-bit hash. Words are stemmed one at a time
 * and remembered per thread, so a text costs one table look-up per word once the vocabulary is warm.
 */
public final class Stems {

    /** The hash of a stop word (or of a word the analyser drops). */
    public static final long NONE = 0;

    private static final Analyzer ANALYZER = new EnglishAnalyzer();
    /** 64K words: the vocabulary of a day's answers mostly fits, and a miss costs a run of Lucene's analyser. */
    private static final int CACHE_BITS = 16;
    /** Per thread, direct-mapped: slot s holds a packed word at 2s and its stem hash at 2s + 1 (one cache line). */
    private static final ThreadLocal<long[]> CACHE = ThreadLocal.withInitial(() -> new long[2 << CACHE_BITS]);

    private Stems() {}

    /**
     * The stem hash of the word {@code text[start, end)}, or {@link #NONE}; {@code key} is its letters
     * packed by {@link PackedWord#pack} (or NOT_PACKED), which the caller's word scan already has.
     */
    public static long of(CharSequence text, int start, int end, long key) {
        if (key == PackedWord.NOT_PACKED) {
            return hash(stem(text.subSequence(start, end).toString()));
        }
        long[] cache = CACHE.get();
        int slot = 2 * PackedWord.spread(key, Long.SIZE - CACHE_BITS);
        if (cache[slot] == key) {
            return cache[slot + 1];
        }
        long stem = hash(stem(text.subSequence(start, end).toString()));
        cache[slot] = key;
        cache[slot + 1] = stem;
        return stem;
    }

    /** The analyser's one term for a word, or null when it drops the word. */
    public static String stem(String word) {
        try (TokenStream stream = ANALYZER.tokenStream("text", word)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            String first = stream.incrementToken() ? term.toString() : null;
            while (stream.incrementToken()) {
                // a word is one token; draining keeps the reused stream in a clean state
            }
            stream.end();
            return first;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** FNV-1a of the stem, never {@link #NONE} for a real stem. */
    public static long hash(String stem) {
        if (stem == null || stem.isEmpty()) {
            return NONE;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < stem.length(); i++) {
            h = (h ^ stem.charAt(i)) * 0x100000001b3L;
        }
        return h == NONE ? 1 : h;
    }
}
