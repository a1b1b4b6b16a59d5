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
    /** Letters of a stem's prefix that make a {@link #variantOf variant key}. */
    public static final int VARIANT_LETTERS = 5;

    private Stems() {}

    /**
     * The stem hash of the word {@code text[start, end)}, or {@link #NONE}; {@code key} is its letters
     * packed by {@link PackedWord#pack} (or NOT_PACKED), which the caller's word scan already has.
     */
    public static long of(CharSequence text, int start, int end, long key) {
        return lookUp(text, start, end, key, 1);
    }

    /**
     * A key shared by the words whose stems start with the same {@value #VARIANT_LETTERS} letters
     * ("photosynthesis", "photosynthetic"; "porcupine", "porcupines"), or 0 for shorter stems and stop
     * words; arguments as for {@link #of}.
     */
    public static long variantOf(CharSequence text, int start, int end, long key) {
        return lookUp(text, start, end, key, 2);
    }

    /** Column 1 (stem hash) or 2 (variant key) of a word; packed words through the thread's {@link WordFacts}. */
    private static long lookUp(CharSequence text, int start, int end, long key, int column) {
        if (key == PackedWord.NOT_PACKED) {
            String stem = stem(text.subSequence(start, end).toString());
            return column == 1 ? hash(stem) : variant(stem);
        }
        WordFacts facts = WordFacts.thread();
        return column == 1 ? facts.stem(text, start, end, key) : facts.variant(text, start, end, key);
    }

    static long variant(String stem) {
        if (stem == null || stem.length() < VARIANT_LETTERS) {
            return 0;
        }
        long key = PackedWord.pack(stem, 0, VARIANT_LETTERS);
        return key == PackedWord.NOT_PACKED ? 0 : key;
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
