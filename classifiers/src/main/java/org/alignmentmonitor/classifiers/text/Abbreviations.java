package org.alignmentmonitor.classifiers.text;

import java.util.Locale;
import java.util.Set;
import org.alignmentmonitor.classifiers.Texts;

/**
 * Words whose period does not end a sentence ("Dr. Smith", "e.g. this", "U.S. Army"), and initials
 * and list numbers ("J.", "1."). One list, so that the sentence counter and the cut-ending check
 * agree on what a sentence end is.
 */
public final class Abbreviations {

    private static final Set<String> WORDS = Set.of("mr", "mrs", "ms", "dr", "st", "vs", "etc", "e.g", "i.e",
            "jr", "sr", "prof", "inc", "ltd", "co", "no", "fig", "approx", "u.s", "u.k", "a.m", "p.m", "vol", "mt",
            "ft", "ch", "sec");
    /** The longest entry: longer words are not looked up. */
    private static final int MAX_LENGTH = 6;

    private Abbreviations() {}

    /** Whether {@code text[start, end)}, the word before a period, is an abbreviation, an initial or a number. */
    public static boolean isAbbreviation(CharSequence text, int start, int end) {
        int length = end - start;
        if (length <= 1) {
            return true;
        }
        boolean digits = true;
        for (int i = start; i < end; i++) {
            digits &= Character.isDigit(text.charAt(i));
        }
        return digits || isListed(text, start, end);
    }

    /** Whether {@code text[start, end)} is on the list (case-insensitive), without the period. */
    public static boolean isListed(CharSequence text, int start, int end) {
        return end - start <= MAX_LENGTH
                && WORDS.contains(text.subSequence(start, end).toString().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the period before {@code from} (after optional whitespace) follows an initial or a
     * listed word of letters: the text from {@code from} does not start a new sentence.
     */
    public static boolean endsBefore(CharSequence text, int from) {
        int i = from - 1;
        while (i > 0 && Texts.isSpace(text.charAt(i))) {
            i--;
        }
        if (i < 0 || text.charAt(i) != '.') {
            return false;
        }
        int wordEnd = i;
        while (i > 0 && Texts.isLetter(text.charAt(i - 1))) {
            i--;
        }
        return wordEnd - i == 1 || isListed(text, i, wordEnd);
    }
}
