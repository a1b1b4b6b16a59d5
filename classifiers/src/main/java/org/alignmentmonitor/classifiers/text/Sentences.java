package org.alignmentmonitor.classifiers.text;

import org.alignmentmonitor.classifiers.Texts;

/** Where sentences end, and how many a text has. */
public final class Sentences {

    private Sentences() {}

    /**
     * A lower and an upper bound of a text's number of sentences: people and tokenisers disagree on
     * headings, list items, ellipses and abbreviations, so a count check needs both.
     */
    public record Count(int low, int high) {}

    /**
     * The lower bound counts . ! ? followed by a space or the end (not after an abbreviation, an
     * initial or a list number, not in an ellipsis), plus an unterminated last sentence; the upper
     * bound also counts unterminated lines (headings, list items) and the skipped terminators.
     */
    public static Count count(CharSequence text) {
        int low = 0;
        int doubtful = 0;
        int n = text.length();
        boolean pendingContent = false; // letters or digits since the last counted terminator
        boolean lineContent = false;    // letters or digits since the last line break or terminator
        int wordStart = -1;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (wordStart < 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) && text.charAt(i - 1) != '.') {
                    wordStart = i;
                }
                pendingContent = true;
                lineContent = true;
            } else if (c == '\n') {
                if (lineContent) {
                    doubtful++; // a line without a terminator: a heading or list item, perhaps a sentence
                }
                lineContent = false;
                wordStart = -1;
            } else if (isTerminator(c)) {
                int j = i;
                while (j + 1 < n && isTerminator(text.charAt(j + 1))) {
                    j++;
                }
                int k = j + 1;
                while (k < n && isClosingMark(text.charAt(k))) {
                    k++;
                }
                boolean boundary = k == n || Texts.isSpace(text.charAt(k));
                if (boundary && pendingContent) {
                    boolean ellipsis = c == '.' && j - i >= 2;
                    boolean abbreviation = c == '.' && j == i && wordStart >= 0
                            && Abbreviations.isAbbreviation(text, wordStart, i);
                    if (ellipsis || abbreviation) {
                        doubtful++;
                    } else {
                        low++;
                        pendingContent = false;
                    }
                    lineContent = false;
                }
                i = j;
                if (!boundary) {
                    continue;
                }
                wordStart = -1;
            } else if (!isClosingMark(c) && c != '\'' && c != '-') {
                wordStart = Texts.isSpace(c) ? -1 : wordStart;
            }
        }
        if (pendingContent) {
            low++;
        }
        return new Count(low, low + doubtful);
    }

    /**
     * Whether the character at {@code i} closes a sentence for tokenising: a line break, a CJK full
     * stop, or . ! ? followed by whitespace or {@code to}. Cheaper and looser than {@link #count}:
     * it is asked at every punctuation mark of every text.
     */
    public static boolean endsAt(CharSequence text, int i, int to) {
        char c = text.charAt(i);
        if (c == '\n' || c == '。' || c == '！' || c == '？') {
            return true;
        }
        return isTerminator(c) && (i + 1 == to || Texts.isSpace(text.charAt(i + 1)));
    }

    /**
     * The sentence (bounded by . ! ? followed by a space, or a line break, and at most 300 characters
     * each side) around {@code [start, end)}: what an instruction's wording is judged by.
     */
    public static String around(String text, int start, int end) {
        int s = start;
        int limit = Math.max(0, start - 300);
        while (s > limit) {
            char c = text.charAt(s - 1);
            if (c == '\n' || (Texts.isSpace(c) && s >= 2 && isTerminator(text.charAt(s - 2)))) {
                break;
            }
            s--;
        }
        int e = end;
        int max = Math.min(text.length(), end + 300);
        while (e < max) {
            char c = text.charAt(e);
            if (c == '\n' || (isTerminator(c) && (e + 1 == text.length() || Texts.isSpace(text.charAt(e + 1))))) {
                break;
            }
            e++;
        }
        return text.substring(s, e);
    }

    private static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '?';
    }

    private static boolean isClosingMark(char c) {
        return c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == ']' || c == '*' || c == '_';
    }
}
