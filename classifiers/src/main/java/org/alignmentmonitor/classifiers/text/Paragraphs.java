package org.alignmentmonitor.classifiers.text;

import java.util.ArrayList;
import java.util.List;
import org.alignmentmonitor.classifiers.Texts;

/** Paragraph counts, the two ways IFEval separates paragraphs. */
public final class Paragraphs {

    private static final String DIVIDER = "***";

    private Paragraphs() {}

    /** Paragraphs separated by "***" as IFEval counts them; -1 when a middle paragraph is empty. */
    public static int divided(String text) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = text.indexOf(DIVIDER, from);
            if (at < 0) {
                parts.add(text.substring(from));
                break;
            }
            parts.add(text.substring(from, at));
            from = at + DIVIDER.length();
        }
        int count = parts.size();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).isBlank()) {
                if (i == 0 || i == parts.size() - 1) {
                    count--;
                } else {
                    return -1;
                }
            }
        }
        return count;
    }

    /** Non-blank blocks separated by one or more blank lines. */
    public static int blankLineSeparated(CharSequence text) {
        int count = 0;
        boolean inParagraph = false;
        int lineStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                boolean blank = true;
                for (int k = lineStart; k < i && blank; k++) {
                    blank = Texts.isSpace(text.charAt(k));
                }
                if (!blank && !inParagraph) {
                    count++;
                }
                inParagraph = !blank;
                lineStart = i + 1;
            }
        }
        return count;
    }
}
