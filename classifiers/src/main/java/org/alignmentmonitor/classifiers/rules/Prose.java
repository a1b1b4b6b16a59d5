package org.alignmentmonitor.classifiers.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prose of a text: a copy in which fenced and inline code, URLs, e-mail addresses and long
 * unbroken runs (hashes, base64, keys) are blanked out with spaces, so that offsets still point
 * into the original text. Rules that judge language or wording look at prose only.
 */
final class Prose {

    private static final Pattern FENCED = Pattern.compile("```[\\s\\S]*?(?:```|\\z)|~~~[\\s\\S]*?(?:~~~|\\z)");
    private static final Pattern INLINE = Pattern.compile("`[^`\\n]{1,200}`");
    private static final Pattern URL = Pattern.compile("\\b(?:https?://|www\\.)\\S+|\\b[\\w.+-]+@[\\w-]+\\.[\\w.]+");
    /** Runs of 25+ printable ASCII characters without a space: hashes, base64, paths, long identifiers. */
    private static final Pattern LONG_RUN = Pattern.compile("[\\x21-\\x7E]{25,}");
    /** Lines that look like code: indented by 4+ spaces or a tab, or ending in ; { } or containing := == -> . */
    private static final Pattern CODE_LINE = Pattern.compile(
            "(?m)^(?: {4,}|\\t).*$|^.*(?:[;{}]\\s*$|==|:=|->|\\+=|&&|\\|\\|).*$");

    private Prose() {}

    /** The text with everything that is not prose replaced by spaces; same length as {@code text}. */
    static String of(String text) {
        char[] out = text.toCharArray();
        for (Pattern pattern : new Pattern[] {FENCED, INLINE, URL, CODE_LINE, LONG_RUN}) {
            Matcher matcher = pattern.matcher(new String(out));
            while (matcher.find()) {
                for (int i = matcher.start(); i < matcher.end(); i++) {
                    if (out[i] != '\n') {
                        out[i] = ' ';
                    }
                }
            }
        }
        return new String(out);
    }

    /**
     * The first and the last {@code maxChars / 2} characters of a long text, where instructions
     * usually are; for keyword scans of prompts, whose offsets are not reported.
     */
    static String ends(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, maxChars / 2) + "\n" + text.substring(text.length() - maxChars / 2);
    }

    /** The first {@code maxChars} characters. */
    static String head(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars);
    }

    /** Number of letters in {@code text}. */
    static int letters(CharSequence text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    /** Share of letters that are Latin script, 1.0 when there are none. */
    static double latinShare(CharSequence text) {
        int letters = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
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
