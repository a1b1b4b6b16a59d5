package org.alignmentmonitor.classifiers.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.text.TextMemo;
import org.alignmentmonitor.classifiers.text.WordIndex;

/**
 * The prose of a text: a copy in which fenced and inline code, URLs, e-mail addresses and long
 * unbroken runs (hashes, base64, keys) are blanked out with spaces, so that offsets still point
 * into the original text. Rules that judge language or wording look at prose only.
 */
final class Prose {

    private static final Pattern FENCED = Pattern.compile("```[\\s\\S]*?(?:```|\\z)|~~~[\\s\\S]*?(?:~~~|\\z)");
    private static final Pattern INLINE = Pattern.compile("`[^`\\n]{1,200}`");
    private static final Pattern URL = Pattern.compile("\\b(?:https?://|www\\.)\\S+|\\b[\\w.+-]+@[\\w-]+\\.[\\w.]+");
    /** Runs of this many printable ASCII characters without a space: hashes, base64, paths, long identifiers. */
    private static final int LONG_RUN = 25;
    /** Derived texts, made once per interaction and shared by the rules (see {@link TextMemo}). */
    private static final TextMemo.Kind PROSE = new TextMemo.Kind("prose");
    private static final TextMemo.Kind HEAD = new TextMemo.Kind("head");
    private static final TextMemo.Kind ENDS = new TextMemo.Kind("ends");

    private Prose() {}

    /**
     * The text with everything that is not prose replaced by spaces; same length as {@code text}.
     * Code lines are lines indented by four spaces or a tab, or ending in ; { or }, or containing
     * an operator such as == := -> &&. The regular expressions only run when their marker occurs.
     */
    static String of(String text) {
        return TextMemo.thread().remember(PROSE, text, 0, 0, () -> blankNonProse(text));
    }

    private static String blankNonProse(String text) {
        char[] out = null;
        if (text.indexOf("```") >= 0 || text.indexOf("~~~") >= 0) {
            out = blank(FENCED, text, out);
        }
        if (text.indexOf('`') >= 0) {
            out = blank(INLINE, text, out);
        }
        if (text.indexOf("://") >= 0 || text.indexOf("www.") >= 0 || text.indexOf('@') >= 0) {
            out = blank(URL, text, out);
        }
        int length = text.length();
        int lineStart = 0;
        while (lineStart < length) {
            int lineEnd = text.indexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? length : lineEnd;
            if (isCodeLine(text, lineStart, lineEnd)) {
                out = blank(out, text, lineStart, lineEnd);
            }
            lineStart = lineEnd + 1;
        }
        // Long runs of printable ASCII without a space: probing every LONG_RUN-th character finds each
        // (a run that long contains a probe), so a probe that meets a space skips LONG_RUN characters.
        // Runs not yet seen start after probe - LONG_RUN.
        int probe = LONG_RUN - 1;
        while (probe < length) {
            if (!inRun(text.charAt(probe))) {
                probe += LONG_RUN;
                continue;
            }
            int start = probe;
            while (start > 0 && inRun(text.charAt(start - 1))) {
                start--;
            }
            int end = probe + 1;
            while (end < length && inRun(text.charAt(end))) {
                end++;
            }
            if (end - start >= LONG_RUN) {
                out = blank(out, text, start, end);
            }
            probe = end + LONG_RUN;
        }
        return out == null ? text : new String(out);
    }

    /** A character of a long run: printable ASCII other than the space. */
    private static boolean inRun(char c) {
        return c > ' ' && c < 127;
    }

    private static boolean isCodeLine(String text, int start, int end) {
        if (end - start >= 4 && (text.charAt(start) == '\t' || text.startsWith("    ", start))) {
            return true;
        }
        int last = end - 1;
        while (last >= start && Character.isWhitespace(text.charAt(last))) {
            last--;
        }
        if (last >= start && (text.charAt(last) == ';' || text.charAt(last) == '{' || text.charAt(last) == '}')) {
            return true;
        }
        for (int i = start + 1; i < end; i++) {
            char b = text.charAt(i);
            // The operators' second characters are rare in prose: test the first only after one.
            if (b == '=' || b == '>' || b == '&' || b == '|') {
                char a = text.charAt(i - 1);
                if (a == '=' && b == '=' || a == ':' && b == '=' || a == '-' && b == '>' || a == '+' && b == '='
                        || a == '&' && b == '&' || a == '|' && b == '|') {
                    return true;
                }
            }
        }
        return false;
    }

    private static char[] blank(Pattern pattern, String text, char[] out) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            out = blank(out, text, matcher.start(), matcher.end());
        }
        return out;
    }

    private static char[] blank(char[] out, String text, int start, int end) {
        char[] chars = out == null ? text.toCharArray() : out;
        for (int i = start; i < end; i++) {
            if (chars[i] != '\n') {
                chars[i] = ' ';
            }
        }
        return chars;
    }

    /**
     * The first and the last {@code maxChars / 2} characters of a long text, where instructions
     * usually are; for keyword scans of prompts, whose offsets are not reported.
     */
    static String ends(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return TextMemo.thread().remember(ENDS, text, maxChars, 0,
                () -> text.substring(0, maxChars / 2) + "\n" + text.substring(text.length() - maxChars / 2));
    }

    /**
     * The runs of letters ("words") of {@code text[0, limit)}, in order, without allocating a
     * string per word: {@code for (Words w = new Words(text, n); w.next(); ) use(w.start(), w.end())}.
     * The words of a text are found once per thread and shared (see {@link WordIndex}).
     */
    static final class Words {
        private final WordIndex index;
        private final int limit;
        private int word = -1;

        Words(CharSequence text, int limit) {
            this.limit = Math.min(limit, text.length());
            this.index = WordIndex.of(text, this.limit);
        }

        Words(CharSequence text) {
            this(text, text.length());
        }

        /** Moves to the next word; false when there is none. */
        boolean next() {
            word++;
            return word < index.size() && index.start(word) < limit;
        }

        int start() {
            return index.start(word);
        }

        /** End of the word, or the limit when the word runs on past it. */
        int end() {
            return Math.min(index.end(word), limit);
        }

        int length() {
            return end() - start();
        }

        CharSequence text() {
            return index.text();
        }

        /** The word's letters packed by {@link WordSet#pack}. */
        long packed() {
            return index.end(word) <= limit ? index.packed(word) : WordSet.pack(index.text(), start(), limit);
        }
    }

    /** {@code of(head(text, maxChars))}: the prose of an answer's start, made once per interaction. */
    static String ofHead(String text, int maxChars) {
        return of(head(text, maxChars));
    }

    /** The first {@code maxChars} characters. */
    static String head(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return TextMemo.thread().remember(HEAD, text, maxChars, 0, () -> text.substring(0, maxChars));
    }

    /** Whether {@code text} contains one of {@code words} as a whole word of at most {@code maxLength} letters. */
    static boolean containsWord(String text, WordSet words, int maxLength) {
        for (Words w = new Words(text); w.next(); ) {
            if (w.length() <= maxLength && words.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} has at least {@code count} letters; stops as soon as it knows. */
    static boolean hasLetters(CharSequence text, int count) {
        int seen = 0;
        for (int i = 0; i < text.length() && seen < count; i++) {
            if (Texts.isLetter(text.charAt(i))) {
                seen++;
            }
        }
        return seen >= count;
    }

    /** Number of letters in {@code text}. */
    static int letters(CharSequence text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Texts.isLetter(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    /** Share of letters that are Latin script, 1.0 when there are none. */
    static double latinShare(CharSequence text) {
        return latinShare(text, text.length());
    }

    /** {@link #latinShare(CharSequence)} of {@code text[0, to)}, without copying it. */
    static double latinShare(CharSequence text, int to) {
        int letters = 0;
        int latin = 0;
        for (int i = 0; i < to; i++) {
            char c = text.charAt(i);
            if (Texts.isLetter(c)) {
                letters++;
                if (c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF)) {
                    latin++;
                }
            }
        }
        return letters == 0 ? 1.0 : latin / (double) letters;
    }

    /** Index of the first non-space character at or after {@code from}, or {@code to}. */
    static int skipSpace(CharSequence text, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
