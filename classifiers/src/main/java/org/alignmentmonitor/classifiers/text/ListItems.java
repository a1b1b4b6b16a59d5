package org.alignmentmonitor.classifiers.text;

import org.alignmentmonitor.classifiers.Texts;

/** Markdown bullet points. */
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
}
