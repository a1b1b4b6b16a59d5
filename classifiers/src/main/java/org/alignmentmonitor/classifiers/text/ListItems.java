package org.alignmentmonitor.classifiers.text;

import org.alignmentmonitor.classifiers.Texts;

/** Markdown bullet points and list items. */
public final class ListItems {

    private ListItems() {}

    /** Lines starting with "* " style or "-" bullets, as IFEval counts them ("**bold**" lines are not bullets). */
    public static int bullets(String text) {
        int count = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int k = i;
            while (k < n && text.charAt(k) != '\n' && Texts.isSpace(text.charAt(k))) {
                k++;
            }
            if (k < n && (text.charAt(k) == '-' || text.charAt(k) == '*' && k + 1 < n && text.charAt(k + 1) != '*'
                    && text.charAt(k + 1) != '\n')) {
                count++;
            }
            int next = text.indexOf('\n', k);
            i = next < 0 ? n : next + 1;
        }
        return count;
    }
    /** Lines that start with a number ("1.", "2)") or a bullet ("- ", "* ", "• "): the items of a list. */
    public static int items(String text) {
        int marked = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int k = i;
            while (k < n && text.charAt(k) != '\n' && Texts.isSpace(text.charAt(k))) {
                k++;
            }
            int next = text.indexOf('\n', k);
            int lineEnd = next < 0 ? n : next;
            marked += k < lineEnd && isMarker(text, k, lineEnd) ? 1 : 0;
            i = lineEnd + 1;
        }
        return marked;
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
