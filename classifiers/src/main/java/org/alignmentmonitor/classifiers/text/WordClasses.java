package org.alignmentmonitor.classifiers.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.alignmentmonitor.classifiers.Texts;

/**
 * Splits text into the tokens of {@link FluencyModel}: the most frequent English words stand for
 * themselves, which carries most of the grammar (function words and their order); every other
 * word falls in a class by its shape (suffix, capitals, script), so the model generalises to topics
 * and names it never saw. Commas, colons, numbers and sentence boundaries are tokens too.
 */
public final class WordClasses {

    public static final int START = 0;
    public static final int END = 1;
    static final int NUMBER = 2;
    public static final int COMMA = 3;
    public static final int COLON = 4;
    static final int CAPITALISED = 5;
    static final int ALL_CAPS = 6;
    static final int NON_LATIN = 7;
    /** Suffix classes of unfrequent lower-case words, longest match first; the last class takes the rest. */
    private static final List<String> SUFFIXES = List.of("tion", "sion", "ness", "ment", "ship", "ence", "ance",
            "able", "ible", "ing", "ity", "ive", "ous", "ful", "ism", "ist", "ize", "ise", "est", "ed", "ly", "al",
            "ic", "er", "or", "ry", "es", "s", "y", "e");
    /** Each suffix's letters packed by {@link PackedWord}: a packed word's suffix is its low 5 bits per letter. */
    private static final long[] PACKED_SUFFIXES = SUFFIXES.stream().mapToLong(PackedWord::pack).toArray();
    static final int FIRST_SUFFIX = 8;
    static final int OTHER = FIRST_SUFFIX + SUFFIXES.size();
    /** First id of the frequent words. */
    public static final int FIRST_WORD = OTHER + 1;

    /** Receives the tokens of a text in order. */
    @FunctionalInterface
    public interface Sink {
        void token(int wordClass, int start, int end);
    }

    private final List<String> words;
    private final LongIntTable packed;
    private final Map<String, Integer> unpacked;
    /** Whether this is the shipped model's: only its classes are kept in the thread's {@link WordFacts}. */
    private final boolean shipped;

    /** Classes for building a model (see {@link EnglishStatisticsBuilder}), not remembered. */
    WordClasses(List<String> words) {
        this(words, false);
    }

    /** @param words the frequent words, lower case, in id order (id = FIRST_WORD + index) */
    WordClasses(List<String> words, boolean shipped) {
        this.words = List.copyOf(words);
        this.shipped = shipped;
        Map<Long, Integer> byKey = new HashMap<>();
        Map<String, Integer> others = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            long key = PackedWord.pack(words.get(i));
            if (key == PackedWord.NOT_PACKED) {
                others.put(words.get(i), FIRST_WORD + i);
            } else {
                byKey.put(key, FIRST_WORD + i);
            }
        }
        packed = new LongIntTable(byKey);
        unpacked = Map.copyOf(others);
    }

    int size() {
        return FIRST_WORD + words.size();
    }

    List<String> words() {
        return words;
    }

    /**
     * Emits the tokens of {@code text[from, to)}: START, the sentence's tokens, END for every
     * sentence (a line, or up to . ! ? followed by a space). Other characters are skipped. The words
     * come from the text's shared {@link WordIndex} (the off-topic rule reads the same prose), so only
     * the characters between words are read here.
     */
    public void scan(CharSequence text, int from, int to, Sink sink) {
        WordFacts facts = shipped ? WordFacts.thread() : null;
        WordIndex words = WordIndex.of(text, to);
        int word = words.firstEndingAfter(from);
        int nextWord = word < words.size() ? Math.max(words.start(word), from) : Integer.MAX_VALUE;
        boolean open = false;
        int i = from;
        while (i < to) {
            if (i == nextWord) {
                int start = i;
                int end = Math.min(words.end(word), to);
                // A word cut by the range is the part inside it, as if the text began or ended there.
                boolean whole = start == words.start(word) && end == words.end(word);
                long key = whole ? words.packed(word) : PackedWord.pack(text, start, end);
                boolean capital = whole ? words.hasCapital(word) : hasCapital(text, start, end);
                if (!open) {
                    sink.token(START, start, start);
                    open = true;
                }
                sink.token(facts != null && key != PackedWord.NOT_PACKED && !capital
                        ? facts.lowerCaseClass(this, text, start, end, key) : classOf(text, start, end, key), start, end);
                i = end;
                word++;
                nextWord = word < words.size() ? words.start(word) : Integer.MAX_VALUE;
                continue;
            }
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                int start = i;
                while (i < to && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.' && i + 1 < to
                        && Character.isDigit(text.charAt(i + 1)))) {
                    i++;
                }
                if (!open) {
                    sink.token(START, start, start);
                    open = true;
                }
                sink.token(NUMBER, start, i);
                continue;
            }
            if (open) {
                if (c == '\n' || (c == '.' || c == '!' || c == '?') && (i + 1 >= to || Character.isWhitespace(text.charAt(i + 1))
                        || "\"')”’*".indexOf(text.charAt(i + 1)) >= 0)) {
                    sink.token(END, i, i + 1);
                    open = false;
                } else if (c == ',') {
                    sink.token(COMMA, i, i + 1);
                } else if (c == ':' || c == ';') {
                    sink.token(COLON, i, i + 1);
                }
            }
            i++;
        }
        if (open) {
            sink.token(END, to, to);
        }
    }

    private static boolean hasCapital(CharSequence text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) < 'a') {
                return true;
            }
        }
        return false;
    }

    /** The class of the word {@code text[start, end)}, whose letters packed are {@code key} (or NOT_PACKED). */
    int classOf(CharSequence text, int start, int end, long key) {
        int known = key != PackedWord.NOT_PACKED ? packed.get(key, -1)
                : unpacked.getOrDefault(text.subSequence(start, end).toString().toLowerCase(java.util.Locale.ROOT), -1);
        if (known >= 0) {
            return known;
        }
        boolean latin = true;
        int capitals = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            latin &= c < 0x250 || c >= 0x1E00 && c <= 0x1EFF;
            capitals += Character.isUpperCase(c) ? 1 : 0;
        }
        if (!latin) {
            return NON_LATIN;
        }
        if (capitals == end - start && end - start > 1) {
            return ALL_CAPS;
        }
        if (capitals > 0) {
            return CAPITALISED;
        }
        for (int s = 0; s < SUFFIXES.size(); s++) {
            int length = SUFFIXES.get(s).length();
            // No capitals here, so a packed word matches its suffix exactly when the low bits agree.
            if (end - start > length + 1 && (key != PackedWord.NOT_PACKED
                    ? (key & (1L << 5 * length) - 1) == PACKED_SUFFIXES[s] : endsWith(text, end, SUFFIXES.get(s)))) {
                return FIRST_SUFFIX + s;
            }
        }
        return OTHER;
    }

    private static boolean endsWith(CharSequence text, int end, String suffix) {
        for (int k = 1; k <= suffix.length(); k++) {
            if (text.charAt(end - k) != suffix.charAt(suffix.length() - k)) {
                return false;
            }
        }
        return true;
    }
}
