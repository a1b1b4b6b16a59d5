package org.alignmentmonitor.classifiers.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.alignmentmonitor.classifiers.text.Tokens;

/**
 * Lines (list items, paragraphs) that repeat an earlier line nearly word for word: the same sentence
 * for every herb with the name changed, the same four films to fill twenty slots, a paragraph said
 * again. Two lines are near-duplicates when their sets of word pairs overlap by {@value #MIN_JACCARD}
 * or more (Jaccard) and they end on the same word: one changed word in a dozen keeps both, while
 * template items ("Who is most likely to ...") share a start and end differently; lines of one to
 * three words must be equal numbered items. Headers ("Pros:"), table rows, markup and code repeat
 * by design and are skipped.
 */
final class RepeatedItems {

    private static final double MIN_JACCARD = 0.6;
    /** A line this short is compared whole: "Innovative" seven times, "25th Hour" three times. */
    private static final int SHORT_LINE_TOKENS = 3;
    private static final int MIN_LINES = 6;
    private static final int MIN_REPEATED_LINES = 3;
    private static final double MIN_REPEATED_SHARE = 0.4;
    /** Lines beyond these are not compared: the quadratic pairing stays bounded. */
    private static final int MAX_LINES = 80;
    private static final long PAIR_MULTIPLIER = 0x9E3779B97F4A7C15L;

    private RepeatedItems() {}

    /**
     * A line's tokens [firstToken, lastToken]; its word-pair hashes are made on first need: most lines end
     * on a word no other line ends on and are never compared further, so sorting their pairs was wasted.
     *
     * @param numbered whether the line starts with a list number ("3. 25th Hour")
     */
    private static final class Line {
        private final Tokens tokens;
        private final int firstToken;
        private final int lastToken;
        private final boolean numbered;
        private long[] pairs;

        Line(Tokens tokens, int firstToken, int lastToken, boolean numbered) {
            this.tokens = tokens;
            this.firstToken = firstToken;
            this.lastToken = lastToken;
            this.numbered = numbered;
        }

        int firstToken() {
            return firstToken;
        }

        int lastToken() {
            return lastToken;
        }

        long lastHash() {
            return tokens.hash(lastToken);
        }

        boolean numbered() {
            return numbered;
        }

        long[] pairs() {
            if (pairs == null) {
                pairs = hashes(tokens, firstToken, lastToken + 1);
            }
            return pairs;
        }
    }

    /** The repeated lines of {@code text}, or null when too few lines repeat. */
    static Repeat find(CharSequence text, Tokens tokens) {
        if (!hasLineBreaks(text, MIN_LINES - 1)) {
            return null; // most answers are a few paragraphs: no line list to build
        }
        List<Line> lines = lines(text, tokens);
        if (lines.size() < MIN_LINES) {
            return null;
        }
        int repeated = 0;
        int firstCopy = -1;
        int firstOriginal = -1;
        for (int i = 1; i < lines.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (nearDuplicates(lines.get(i), lines.get(j))) {
                    repeated++;
                    if (firstCopy < 0) {
                        firstCopy = i;
                        firstOriginal = j;
                    }
                    break;
                }
            }
        }
        double share = repeated / (double) lines.size();
        if (repeated < MIN_REPEATED_LINES || share < MIN_REPEATED_SHARE) {
            return null;
        }
        Line original = lines.get(firstOriginal);
        Line copy = lines.get(firstCopy);
        return new Repeat(Math.min(1.0, 0.5 + share - MIN_REPEATED_SHARE), tokens.start(original.firstToken()),
                tokens.end(copy.lastToken()), repeated + " of " + lines.size()
                + " lines repeat an earlier line nearly word for word (line " + (firstOriginal + 1) + ", again as line "
                + (firstCopy + 1) + ")");
    }

    private static boolean hasLineBreaks(CharSequence text, int wanted) {
        int found = 0;
        for (int i = 0; i < text.length() && found < wanted; i++) {
            found += text.charAt(i) == '\n' ? 1 : 0;
        }
        return found >= wanted;
    }

    private static boolean nearDuplicates(Line a, Line b) {
        boolean shortA = a.lastToken() - a.firstToken() + 1 <= SHORT_LINE_TOKENS;
        boolean shortB = b.lastToken() - b.firstToken() + 1 <= SHORT_LINE_TOKENS;
        if (shortA || shortB) {
            // Only numbered items: "- 2 cups flour" in two recipes is a shared ingredient, not a filler.
            return shortA && shortB && a.numbered() && b.numbered() && Arrays.equals(a.pairs(), b.pairs());
        }
        if (a.lastHash() != b.lastHash()) {
            return false; // template items share a start and end differently; a copy with a word changed ends alike
        }
        long[] pairsA = a.pairs();
        long[] pairsB = b.pairs();
        int shared = 0;
        int i = 0;
        int j = 0;
        while (i < pairsA.length && j < pairsB.length) {
            long x = pairsA[i];
            long y = pairsB[j];
            shared += x == y ? 1 : 0;
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }
        int union = pairsA.length + pairsB.length - shared;
        return shared >= MIN_JACCARD * union;
    }

    /**
     * The lines with words, outside code fences, tables and headers; a leading list number is left
     * out. Short lines hold their token hashes, longer ones their sorted distinct word-pair hashes.
     */
    private static List<Line> lines(CharSequence text, Tokens tokens) {
        List<Line> lines = new ArrayList<>();
        boolean inCode = false;
        int t = 0;
        int lineStart = 0;
        int n = text.length();
        while (lineStart < n && lines.size() < MAX_LINES) {
            int lineEnd = lineStart;
            while (lineEnd < n && text.charAt(lineEnd) != '\n') {
                lineEnd++;
            }
            int first = t;
            while (t < tokens.size() && tokens.start(t) < lineEnd) {
                t++;
            }
            int content = lineStart;
            while (content < lineEnd && (text.charAt(content) == ' ' || text.charAt(content) == '\t')) {
                content++;
            }
            boolean fence = lineEnd - content >= 3 && text.charAt(content) == '`' && text.charAt(content + 1) == '`'
                    && text.charAt(content + 2) == '`';
            inCode ^= fence;
            if (!fence && !inCode && t > first && !isTableOrHeader(text, content, lineEnd)) {
                int from = first;
                while (from < t - 1 && isNumber(text, tokens, from)) {
                    from++;
                }
                lines.add(new Line(tokens, from, t - 1, Character.isDigit(text.charAt(content))));
            }
            lineStart = lineEnd + 1;
        }
        return lines;
    }

    /** Table rows, headers ("Pros:"), markup and lines without a letter (numbers, addresses, formulas). */
    private static boolean isTableOrHeader(CharSequence text, int content, int lineEnd) {
        boolean letter = false;
        for (int i = content; i < lineEnd && !letter; i++) {
            letter = Character.isLetter(text.charAt(i));
        }
        if (!letter) {
            return true;
        }
        char first = text.charAt(content);
        int last = lineEnd;
        while (last > content && (text.charAt(last - 1) == ' ' || text.charAt(last - 1) == '*')) {
            last--;
        }
        return "|#<>{}".indexOf(first) >= 0 || last > content && text.charAt(last - 1) == ':';
    }

    private static boolean isNumber(CharSequence text, Tokens tokens, int token) {
        for (int i = tokens.start(token); i < tokens.end(token); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static long[] hashes(Tokens tokens, int from, int to) {
        if (to - from <= SHORT_LINE_TOKENS) {
            long[] words = new long[to - from];
            for (int i = from; i < to; i++) {
                words[i - from] = tokens.hash(i);
            }
            return words;
        }
        long[] pairs = new long[to - from - 1];
        for (int i = from; i + 1 < to; i++) {
            pairs[i - from] = tokens.hash(i) * PAIR_MULTIPLIER + tokens.hash(i + 1);
        }
        Arrays.sort(pairs);
        int distinct = 0;
        for (int i = 0; i < pairs.length; i++) {
            if (i == 0 || pairs[i] != pairs[i - 1]) {
                pairs[distinct++] = pairs[i];
            }
        }
        return Arrays.copyOf(pairs, distinct);
    }
}
