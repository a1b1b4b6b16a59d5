package org.alignmentmonitor.classifiers.text;

import org.alignmentmonitor.classifiers.Texts;

/** Markdown bullet points and list items. */
public final class ListItems {

    private ListItems() {}

    /** Lines starting with "* " style or "-" bullets, as IFEval counts them ("**bold**" lines are not bullets). */
    public static int bullets(String text) {
        return countLines(text, (k, lineEnd) -> text.charAt(k) == '-'
                || text.charAt(k) == '*' && k + 1 < lineEnd && text.charAt(k + 1) != '*');
    }

    /** Lines that start with a number ("1.", "2)") or a bullet ("- ", "* ", "• "): the items of a list. */
    public static int items(String text) {
        return countLines(text, (k, lineEnd) -> isMarker(text, k, lineEnd));
    }

    /** Where a line's text starts (after its indent) and where the line ends. */
    private interface LineStart {
        boolean test(int start, int lineEnd);
    }

    /** The lines with some text whose start passes {@code test}. */
    private static int countLines(String text, LineStart test) {
        int count = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int k = i;
            while (k < n && text.charAt(k) != '\n' && Texts.isSpace(text.charAt(k))) {
                k++;
            }
            int next = text.indexOf('\n', k);
            int lineEnd = next < 0 ? n : next;
            count += k < lineEnd && test.test(k, lineEnd) ? 1 : 0;
            i = lineEnd + 1;
        }
        return count;
    }

    /** "1. ", "12) ", "- ", "* ", "• " at {@code k}. */
    private static boolean isMarker(String text, int k, int lineEnd) {
        char c = text.charAt(k);
        if ((c == '-' || c == '*' || c == '•') && k + 1 < lineEnd && text.charAt(k + 1) == ' ') {
            return true;
        }
        int d = k;
        while (d < lineEnd && Character.isDigit(text.charAt(d))) {
            d++;
        }
        return d > k && d < lineEnd && (text.charAt(d) == '.' || text.charAt(d) == ')');
    }
}
