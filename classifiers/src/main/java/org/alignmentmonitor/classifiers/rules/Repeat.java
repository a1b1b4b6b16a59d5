package org.alignmentmonitor.classifiers.rules;

import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.text.Tokens;

/**
 * The strongest repetition in a token sequence, found by two linear scans over n-gram hashes:
 *
 * <ul>
 *   <li><b>loops</b>: a block of p tokens repeated back to back, i.e. a stretch of text equal to
 *       itself shifted by p tokens. Lists with shared prefixes ("Step 1: ...") are not loops: the
 *       shift breaks at the first differing word of each item.</li>
 *   <li><b>dominance</b>: most of the text is sentences made of long n-grams that recur at least
 *       three times, in or out of order.</li>
 * </ul>
 *
 * @param score  how degenerate, in [0,1]
 * @param start  char offset of the repeated passage
 * @param end    char offset just past it
 * @param reason short explanation for reviewers
 */
record Repeat(double score, int start, int end, String reason) {

    private static final int LOOP_N = 4;
    /**
     * A loop is 3 copies of a passage with at least 16 repeated tokens, or 5 copies of at least 8
     * words in all: a sentence said three times or "Good luck!" said five times is degenerate, while
     * "no, no, no, no", nested closing tags, ASCII art and refrains quoted in prose repeat a single
     * word a few times on purpose. A loop must contain a letter: "0 0 0 0 0" in a matrix is data.
     */
    private static final int MIN_LOOP_COPIES = 3;
    private static final int MIN_LOOP_REPEATED_TOKENS = 16;
    private static final int MIN_SHORT_LOOP_COPIES = 5;
    private static final int MIN_SHORT_LOOP_TOKENS = 8;

    private static final int DOMINANT_N = 8;
    private static final int MIN_DOMINANT_OCCURRENCES = 3;
    private static final int MIN_DOMINANT_TOKENS = 60;
    /** Share of a sentence that must be repeated material for the sentence to count as a repeat. */
    private static final double REPEATED_SENTENCE_SHARE = 0.9;
    private static final ThreadLocal<LongIntMap> LAST_SEEN = new ThreadLocal<>();
    private static final ThreadLocal<LongIntMap> COUNTS = new ThreadLocal<>();
    private static final double MIN_DOMINANT_COVERAGE = 0.5;
    /**
     * Covering half the tokens with n-grams seen three times makes at least a third of all n-grams
     * recurrences; a quarter is a safe lower bound for running the dominance scan at all.
     */
    private static final double MIN_RECURRING_SHARE_FOR_DOMINANCE = 0.25;

    /** The strongest repetition in {@code tokens} of {@code text}, or null when there is none worth reporting. */
    static Repeat strongest(CharSequence text, Tokens tokens) {
        long[] grams = tokens.ngramHashes(LOOP_N);
        LongIntMap lastSeen = LongIntMap.reused(LAST_SEEN, grams.length);
        Repeat best = null;
        int recurring = 0;
        int measuredUntil = 0;
        for (int i = 0; i < grams.length; i++) {
            int previous = lastSeen.put(grams[i], i, -1);
            if (previous < 0) {
                continue;
            }
            recurring++;
            if (i >= measuredUntil) {
                int end = loopEnd(tokens, previous, i);
                best = stronger(best, loop(text, tokens, loopStart(tokens, previous, i), end, i - previous));
                measuredUntil = end - LOOP_N + 1;
            }
        }
        best = stronger(best, RepeatedItems.find(text, tokens));
        // Text made of repeated sentences is full of recurring n-grams; skip the second scan otherwise.
        if (recurring >= MIN_RECURRING_SHARE_FOR_DOMINANCE * grams.length) {
            best = stronger(best, dominantPassage(tokens));
        }
        return best;
    }

    /*
     * Loops are found in one pass: when an n-gram recurs at distance p, the stretch of tokens around
     * it that equals itself shifted by p is measured token by token, both ways, and the scan resumes
     * after it, so each loop is measured once and the whole stays linear.
     */
    private static int loopStart(Tokens tokens, int previous, int current) {
        int period = current - previous;
        int start = previous;
        while (start > 0 && tokens.hash(start - 1) == tokens.hash(start - 1 + period)) {
            start--;
        }
        return start;
    }

    private static int loopEnd(Tokens tokens, int previous, int current) {
        int period = current - previous;
        int end = current + LOOP_N;
        while (end < tokens.size() && tokens.hash(end) == tokens.hash(end - period)) {
            end++;
        }
        return end;
    }

    /** Tokens [start, end) repeat themselves with the given period. */
    private static Repeat loop(CharSequence text, Tokens tokens, int start, int end, int period) {
        int copies = (end - start) / period;
        int repeatedTokens = end - start - period;
        boolean longLoop = copies >= MIN_LOOP_COPIES && repeatedTokens >= MIN_LOOP_REPEATED_TOKENS;
        boolean shortLoop = copies >= MIN_SHORT_LOOP_COPIES && copies * period >= MIN_SHORT_LOOP_TOKENS;
        if (!longLoop && !shortLoop || !hasLetter(text, tokens.start(start), tokens.end(start + period - 1))) {
            return null;
        }
        double score = Math.min(1.0, 0.45 + 0.15 * (copies - 2));
        String what = period == 1 ? "a word" : "a passage of " + period + " words";
        int lastToken = start + copies * period - 1;
        return new Repeat(score, tokens.start(start), tokens.end(lastToken), what + " repeated " + copies + " times in a row");
    }

    /**
     * Sentences that are (almost) entirely made of 8-grams occurring three times or more. Working
     * per sentence keeps template lists apart: "In 10 years, who is most likely to ..." items
     * share a long prefix, but each ends differently, so none of them is a repeated sentence.
     */
    private static Repeat dominantPassage(Tokens tokens) {
        if (tokens.size() < MIN_DOMINANT_TOKENS) {
            return null;
        }
        long[] grams = tokens.ngramHashes(DOMINANT_N);
        LongIntMap counts = LongIntMap.reused(COUNTS, grams.length);
        for (long gram : grams) {
            counts.increment(gram);
        }
        int repeated = 0;
        int firstStart = -1;
        int firstEnd = -1;
        int coveredUntil = 0;
        int sentenceStart = 0;
        int coveredInSentence = 0;
        for (int t = 0; t <= tokens.size(); t++) {
            if (t == tokens.size() || t > 0 && tokens.startsSentence(t)) {
                int length = t - sentenceStart;
                if (coveredInSentence >= REPEATED_SENTENCE_SHARE * length) {
                    repeated += length;
                    if (firstStart < 0) {
                        firstStart = sentenceStart;
                    }
                    if (firstEnd < 0 || firstEnd == sentenceStart - 1) {
                        firstEnd = t - 1; // evidence: the first run of adjacent repeated sentences
                    }
                }
                sentenceStart = t;
                coveredInSentence = 0;
            }
            if (t == tokens.size()) {
                break;
            }
            if (t < grams.length && counts.get(grams[t], 0) >= MIN_DOMINANT_OCCURRENCES) {
                coveredUntil = t + DOMINANT_N;
            }
            if (t < coveredUntil) {
                coveredInSentence++;
            }
        }
        double coverage = repeated / (double) tokens.size();
        if (coverage < MIN_DOMINANT_COVERAGE) {
            return null;
        }
        return new Repeat(coverage, tokens.start(firstStart), tokens.end(firstEnd),
                Math.round(coverage * 100) + "% of the text is sentences repeated " + MIN_DOMINANT_OCCURRENCES
                        + " times or more");
    }

    private static boolean hasLetter(CharSequence text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Texts.isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static Repeat stronger(Repeat a, Repeat b) {
        if (a == null) {
            return b;
        }
        return b == null || a.score >= b.score ? a : b;
    }
}
