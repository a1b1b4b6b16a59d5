package org.alignmentmonitor.classifiers;

import java.util.List;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;

/** Null-safe access to the texts of an interaction and small text scans the rules share. */
public final class Texts {

    private static final CharClass LETTER = CharClass.of(Character::isLetter);
    private static final CharClass LETTER_OR_DIGIT = CharClass.of(Character::isLetterOrDigit);
    private static final CharClass SPACE = CharClass.of(c -> Character.isWhitespace(c) || c == '\u00A0' || c == '\u200B'
            || c == '\u202F' || c == '\uFEFF');

    private Texts() {}

    /** The completion, or "" when absent. */
    public static String completion(Interaction interaction) {
        String completion = interaction.getCompletion();
        return completion == null ? "" : completion;
    }

    /**
     * The content of the last user turn, or "" when the conversation has none. Evidence spans with
     * target {@code PROMPT} point into this text.
     */
    public static String lastUserMessage(Interaction interaction) {
        List<Message> conversation = interaction.getConversation();
        if (conversation == null) {
            return "";
        }
        for (int i = conversation.size() - 1; i >= 0; i--) {
            Message message = conversation.get(i);
            if (message != null && "user".equalsIgnoreCase(message.getRole()) && message.getContent() != null) {
                return message.getContent();
            }
        }
        return "";
    }

    /** Index just past the last non-whitespace character of {@code text}, 0 when it is blank. */
    public static int trimmedEnd(CharSequence text) {
        int end = text.length();
        while (end > 0 && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** Start of the line that contains index {@code end - 1}. */
    public static int lineStart(CharSequence text, int end) {
        int i = end;
        while (i > 0 && text.charAt(i - 1) != '\n') {
            i--;
        }
        return i;
    }

    /**
     * Start of the sentence that ends at {@code end}: just after the previous line break or the
     * previous sentence terminator (. ! ? and their CJK forms) followed, possibly after closing
     * quotes or brackets, by whitespace.
     */
    public static int sentenceStart(CharSequence text, int end) {
        int i = end - 1;
        while (i > 0) {
            char c = text.charAt(i - 1);
            if (c == '\n' || c == '。' || c == '！' || c == '？') {
                break;
            }
            if (isSpace(c)) {
                int j = i - 1;
                while (j > 0 && isClosing(text.charAt(j - 1))) {
                    j--;
                }
                char terminator = j > 0 ? text.charAt(j - 1) : ' ';
                if (terminator == '.' || terminator == '!' || terminator == '?') {
                    break;
                }
            }
            i--;
        }
        while (i < end && isSpace(text.charAt(i))) {
            i++;
        }
        return Math.max(i, 0);
    }

    private static boolean isClosing(char c) {
        return c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == ']' || c == '*';
    }

    /** Whitespace including the no-break and zero-width spaces models emit. */
    public static boolean isSpace(char c) {
        return SPACE.contains(c);
    }

    /** Same as {@link Character#isLetter(char)}, faster (see {@link CharClass}). */
    public static boolean isLetter(char c) {
        return LETTER.contains(c);
    }

    /** Same as {@link Character#isLetterOrDigit(int)}, faster (see {@link CharClass}). */
    public static boolean isLetterOrDigit(int codePoint) {
        return LETTER_OR_DIGIT.contains(codePoint);
    }
}
