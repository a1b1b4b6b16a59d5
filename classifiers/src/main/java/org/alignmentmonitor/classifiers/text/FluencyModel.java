package org.alignmentmonitor.classifiers.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bigram language model over {@link WordClasses} tokens, trained on the shipped corpus of fluent
 * answers (see {@link EnglishStatisticsBuilder}). What it scores is grammar: how much likelier each
 * token is after its predecessor than on its own (log-likelihood ratio, bigram over unigram, Witten-Bell
 * smoothed). Fluent English gains clearly per token; the same words shuffled gain about nothing.
 */
public final class FluencyModel {

    static final String RESOURCE = "english-word-class-bigrams.tsv.gz";

    private static final class Shipped {
        static final FluencyModel INSTANCE = load();
    }

    private final WordClasses classes;
    private final int size;
    /**
     * ln P(next | previous) - ln P(next), compact: a pair never seen in training has a value that depends
     * on the previous class only (its row's default); the ~5% of pairs with a value of their own are
     * marked in a bit set (one bit per pair, [previous * size + next]) and kept in a small hash table.
     * The dense table (4 MB, read at random once per word) missed the CPU's caches on most words.
     */
    private final float[] rowDefault;
    private final long[] ownValue;
    /** Open addressing: (pair + 1) in the high 32 bits, the value's float bits in the low 32; 0 is free. */
    private final long[] pairs;
    private final int pairShift;

    /** @param bigrams counts, [previous * classes.size() + next] */
    FluencyModel(WordClasses classes, long[] bigrams) {
        this.classes = classes;
        this.size = classes.size();
        long total = 0;
        long[] unigram = new long[size];
        long[] context = new long[size];
        int[] types = new int[size];
        for (int p = 0; p < size; p++) {
            for (int n = 0; n < size; n++) {
                long count = bigrams[p * size + n];
                unigram[n] += count;
                context[p] += count;
                types[p] += count > 0 ? 1 : 0;
                total += count;
            }
        }
        float[] logRatio = new float[size * size];
        for (int p = 0; p < size; p++) {
            for (int n = 0; n < size; n++) {
                double pUnigram = (unigram[n] + 1.0) / (total + size);
                double pBigram = context[p] == 0 ? pUnigram
                        : (bigrams[p * size + n] + types[p] * pUnigram) / (context[p] + types[p]);
                logRatio[p * size + n] = (float) Math.log(pBigram / pUnigram);
            }
        }
        rowDefault = new float[size];
        ownValue = new long[(size * size + 63) / 64];
        int own = 0;
        for (int p = 0; p < size; p++) {
            rowDefault[p] = commonest(logRatio, p * size, size);
            for (int n = 0; n < size; n++) {
                if (Float.floatToRawIntBits(logRatio[p * size + n]) != Float.floatToRawIntBits(rowDefault[p])) {
                    ownValue[(p * size + n) >>> 6] |= 1L << (p * size + n);
                    own++;
                }
            }
        }
        int bits = Math.max(4, 64 - Long.numberOfLeadingZeros(2L * own));
        pairs = new long[1 << bits];
        pairShift = 64 - bits;
        for (int pair = 0; pair < size * size; pair++) {
            if (hasOwnValue(pair)) {
                pairs[slotOf(pair)] = (long) (pair + 1) << 32 | Float.floatToRawIntBits(logRatio[pair]) & 0xFFFF_FFFFL;
            }
        }
    }

    /** The value most frequent in {@code values[from, from + count)} (by bits; ties: the first). */
    private static float commonest(float[] values, int from, int count) {
        Map<Integer, Integer> counts = new HashMap<>();
        int best = Float.floatToRawIntBits(values[from]);
        for (int k = from; k < from + count; k++) {
            int bitsOf = Float.floatToRawIntBits(values[k]);
            if (counts.merge(bitsOf, 1, Integer::sum) > counts.get(best)) {
                best = bitsOf;
            }
        }
        return Float.intBitsToFloat(best);
    }

    private boolean hasOwnValue(int pair) {
        return (ownValue[pair >>> 6] & 1L << pair) != 0;
    }

    /** The slot of {@code pair} in {@link #pairs}, or the free slot where it goes. */
    private int slotOf(int pair) {
        long key = pair + 1L;
        int slot = PackedWord.spread(key, pairShift);
        while (pairs[slot] != 0 && pairs[slot] >>> 32 != key) {
            slot = (slot + 1) & (pairs.length - 1);
        }
        return slot;
    }

    /** The shipped English model, loaded on first use (a few MB). */
    public static FluencyModel english() {
        return Shipped.INSTANCE;
    }

    private static FluencyModel load() {
        List<String> words = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        for (String[] row : Resources.rows(RESOURCE)) {
            if (row[0].equals("w")) {
                words.add(row[1]);
            } else if (row[0].equals("b")) {
                counts.add(new int[] {Integer.parseInt(row[1]), Integer.parseInt(row[2]), Integer.parseInt(row[3])});
            }
        }
        WordClasses classes = new WordClasses(words, true);
        long[] bigrams = new long[classes.size() * classes.size()];
        for (int[] c : counts) {
            bigrams[c[0] * classes.size() + c[1]] = c[2];
        }
        return new FluencyModel(classes, bigrams);
    }

    public WordClasses classes() {
        return classes;
    }

    /** ln P(next | previous) / P(next). */
    public double logRatio(int previous, int next) {
        int pair = previous * size + next;
        return hasOwnValue(pair) ? Float.intBitsToFloat((int) pairs[slotOf(pair)]) : rowDefault[previous];
    }

    /**
     * Scores the sentences of {@code text[from, to)} that have at least {@code minWords} words.
     * Linear in the text; allocates only the result.
     */
    public Fluency score(CharSequence text, int from, int to, int minWords) {
        Accumulator acc = new Accumulator(minWords);
        classes.scan(text, from, to, acc);
        return new Fluency(acc.words, acc.frequent, acc.tokens, acc.sum, acc.worstStart, acc.worstEnd, acc.worstMean);
    }

    /**
     * @param words     words in the scored sentences
     * @param frequent  how many of them are frequent English words (the rest fall in shape classes)
     * @param tokens    transitions scored
     * @param sum       their summed log-likelihood ratio
     * @param worstStart start of the least fluent scored sentence (-1 when none)
     * @param worstEnd  its end
     * @param worstMean its mean ratio per transition
     */
    public record Fluency(int words, int frequent, int tokens, double sum, int worstStart, int worstEnd, double worstMean) {
        /** Share of the scored words that are frequent English words: low for other languages. */
        public double frequentShare() {
            return words == 0 ? 0.0 : frequent / (double) words;
        }

        /** Mean gain per transition, 0 when nothing was scored. */
        public double mean() {
            return tokens == 0 ? 0.0 : sum / tokens;
        }
    }

    private final class Accumulator implements WordClasses.Sink {
        private final int minWords;
        private int previous = WordClasses.START;
        private int sentenceStart;
        private int sentenceWords;
        private int sentenceFrequent;
        private int sentenceCommas;
        private int sentenceTokens;
        private double sentenceSum;
        int words;
        int frequent;
        int tokens;
        double sum;
        int worstStart = -1;
        int worstEnd = -1;
        double worstMean = Double.MAX_VALUE;

        Accumulator(int minWords) {
            this.minWords = minWords;
        }

        @Override
        public void token(int wordClass, int start, int end) {
            if (wordClass == WordClasses.START) {
                previous = WordClasses.START;
                sentenceStart = start;
                sentenceWords = 0;
                sentenceFrequent = 0;
                sentenceCommas = 0;
                sentenceTokens = 0;
                sentenceSum = 0;
                return;
            }
            sentenceSum += logRatio(previous, wordClass);
            sentenceTokens++;
            sentenceWords += wordClass == WordClasses.END || wordClass == WordClasses.COMMA
                    || wordClass == WordClasses.COLON ? 0 : 1;
            sentenceFrequent += wordClass >= WordClasses.FIRST_WORD ? 1 : 0;
            sentenceCommas += wordClass == WordClasses.COMMA ? 1 : 0;
            previous = wordClass;
            // Enumerations ("anticipated, predicted, projected") are lists, not sentences.
            if (wordClass == WordClasses.END && sentenceWords >= minWords && sentenceCommas * 3 < sentenceWords) {
                words += sentenceWords;
                frequent += sentenceFrequent;
                tokens += sentenceTokens;
                sum += sentenceSum;
                double mean = sentenceSum / sentenceTokens;
                if (mean < worstMean) {
                    worstMean = mean;
                    worstStart = sentenceStart;
                    worstEnd = start;
                }
            }
        }
    }
}
