package org.alignmentmonitor.classifiers.text;

import org.alignmentmonitor.classifiers.Texts;

/** The two word counts the rules use: IFEval's {@code \w+} runs, and whitespace-separated words. */
public final class Words {

    private Words() {}

    /** Runs of letters, digits and underscores (IFEval's {@code \w+}, as its word-count check counts them). */
    public static int count(CharSequence text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            boolean word = Character.isLetterOrDigit(cp) || cp == '_';
            if (word && !inWord) {
                words++;
            }
            inWord = word;
            i += Character.charCount(cp);
        }
        return words;
    }

    /**
     * Whitespace-separated words of {@code text[start, end)} ("in·ter·pre·ta·tion" and "2-3:30" are one
     * word each); counting stops at {@code max}, so a bound check on a long text stays short.
     */
    public static int countSeparated(CharSequence text, int start, int end, int max) {
        int words = 0;
        boolean inWord = false;
        for (int i = start; i < end && words < max; i++) {
            boolean space = Texts.isSpace(text.charAt(i));
            words += !space && !inWord ? 1 : 0;
            inWord = !space;
        }
        return words;
    }

    public static int countSeparated(CharSequence text, int start, int end) {
        return countSeparated(text, start, end, Integer.MAX_VALUE);
    }
}
