package org.alignmentmonitor.classifiers.rules;

import java.util.Locale;
import java.util.Set;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.text.Abbreviations;
import org.alignmentmonitor.classifiers.text.Words;

/**
 * Heuristics for a text that stops in the middle of a sentence although generation reported a
 * normal stop. Legitimate answers often end without terminal punctuation (lists, code, tables,
 * signatures, titles, hashtags, emoji, one-word answers), so only the last line of running prose
 * is judged, and only on signs that something must follow: a dangling function word, a trailing
 * comma or colon, an open bracket, or a run-on fragment after complete sentences.
 *
 * @param score  how sure the heuristic is
 * @param start  start of the cut-off fragment in the text
 * @param reason short explanation for reviewers
 */
record CutEnding(double score, int start, String reason) {

    private static final double DANGLING = 0.8;
    private static final double UNCLOSED_CODE = 0.7;
    private static final double DANGLING_PREPOSITION = 0.65;
    private static final double RUN_ON = 0.6;

    /** Evidence shows at most this many characters before the end. */
    private static final int MAX_FRAGMENT = 200;
    /** Only the end of a very long last line is looked at. */
    private static final int MAX_LINE = 2_000;
    private static final int MIN_FRAGMENT_WORDS = 3;
    private static final int MIN_RUN_ON_WORDS = 5;
    private static final int MIN_STYLE_LINES = 2;
    private static final int STYLE_MAJORITY = 4;

    /** Words after which an English sentence cannot end. */
    private static final Set<String> DANGLING_WORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "nor", "my", "your", "our", "their", "its", "because",
            "although", "whereas", "whose", "than", "via", "very");
    /** Prepositions end a sentence only when stranded ("what we hoped for"), so they need a closer look. */
    private static final Set<String> PREPOSITIONS = Set.of(
            "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "about", "between",
            "among", "through", "during", "within");
    /** Words that commonly strand a following preposition. */
    private static final Set<String> STRANDING_WORDS = Set.of(
            "ask", "asked", "look", "looking", "looked", "hope", "hoped", "wait", "waiting", "care", "think",
            "talk", "talking", "pay", "come", "go", "get", "got", "be", "been", "made", "known", "used", "proud",
            "afraid", "aware", "worth", "fight", "fighting", "live", "living", "deal", "forward", "up", "out",
            "longing", "count", "rely", "depend", "belong", "listen", "dream", "wish", "stand", "stood");

    /** An array: compared in place against a line's words, without a substring per word. */
    private static final String[] TITLE_LOWER_CASE_WORDS = {
            "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "vs"};
    /** The longest of them: longer words are not looked up. */
    private static final int TITLE_LOWER_CASE_MAX =
            java.util.Arrays.stream(TITLE_LOWER_CASE_WORDS).mapToInt(String::length).max().orElse(0);
    private enum LineKind { PROSE, LIST_ITEM, OTHER }

    /**
     * @param text the completion
     * @param end  index just past its last non-whitespace character (> 0)
     * @return the cut found, or null when the text ends plausibly
     */
    static CutEnding find(String text, int end) {
        char last = text.charAt(end - 1);
        int fence = lastOpenCodeFence(text, end);
        if (fence >= 0 && !endsLikeFinishedProse(text, end)) {
            return new CutEnding(UNCLOSED_CODE, fence, "code block is never closed");
        }
        int lineStart = Math.max(Texts.lineStart(text, end), end - MAX_LINE);
        LineKind kind = kindOf(text, lineStart, end);
        if (kind == LineKind.OTHER) {
            return null;
        }
        int fragmentStart = fragmentStart(text, end);
        if (kind == LineKind.PROSE && (last == ',' || last == ';' || last == ':')) {
            return new CutEnding(DANGLING, fragmentStart, "ends with '" + last + "' and nothing after it");
        }
        if ("([{“«".indexOf(last) >= 0 || last == '-' && end > 1 && Texts.isLetter(text.charAt(end - 2))) {
            return new CutEnding(DANGLING, fragmentStart, "ends with '" + last + "'");
        }
        if (!Character.isLetterOrDigit(last)) {
            return null;
        }
        int words = Words.countSeparated(text, fragmentStart, end);
        int lastWordStart = wordStartBefore(text, end);
        String lastWord = text.substring(lastWordStart, end).toLowerCase(Locale.ROOT);
        if (words >= MIN_FRAGMENT_WORDS && DANGLING_WORDS.contains(lastWord)) {
            return new CutEnding(DANGLING, fragmentStart, "ends on '" + lastWord + "'");
        }
        if (words >= MIN_FRAGMENT_WORDS && PREPOSITIONS.contains(lastWord)
                && !STRANDING_WORDS.contains(previousWord(text, lastWordStart))) {
            return new CutEnding(DANGLING_PREPOSITION, fragmentStart, "ends on '" + lastWord + "'");
        }
        // "Person 3: 2-3 pm" and "doors, latch, play" are labels and enumerations, not sentences.
        int clauseStart = lastIndexOf(text, ": ", fragmentStart, end);
        if (Words.countSeparated(text, clauseStart < 0 ? fragmentStart : clauseStart + 2, end) < MIN_RUN_ON_WORDS
                || isEnumeration(text, fragmentStart, end)) {
            return null;
        }
        if (kind == LineKind.PROSE && fragmentStart > lineStart && Character.isUpperCase(text.charAt(fragmentStart))
                && !Abbreviations.endsBefore(text, fragmentStart)) {
            return new CutEnding(RUN_ON, fragmentStart, "last sentence has no ending");
        }
        if (punctuatesOtherLines(text, lineStart, kind)) {
            return new CutEnding(RUN_ON, fragmentStart, "last line has no ending, unlike the others");
        }
        return null;
    }

    /**
     * Whether the text ends its other lines of the same kind with punctuation: then a last line
     * without it is out of the model's own style, which a cut explains best. Many answers (haiku,
     * "no punctuation" instructions, class labels) are never punctuated, hence the need for evidence.
     */
    private static boolean punctuatesOtherLines(String text, int lastLineStart, LineKind kind) {
        int terminated = 0;
        int unterminated = 0;
        int lineStart = 0;
        while (lineStart < lastLineStart) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0 || lineEnd > lastLineStart) {
                lineEnd = lastLineStart;
            }
            int end = lineEnd;
            while (end > lineStart && (Texts.isSpace(text.charAt(end - 1)) || "*_\"'”’)".indexOf(text.charAt(end - 1)) >= 0)) {
                end--;
            }
            if (end > lineStart && Words.countSeparated(text, lineStart, end) >= MIN_RUN_ON_WORDS
                    && kindOf(text, lineStart, end) == kind) {
                if (".!?:".indexOf(text.charAt(end - 1)) >= 0) {
                    terminated++;
                } else {
                    unterminated++;
                }
            }
            lineStart = lineEnd + 1;
        }
        return terminated >= MIN_STYLE_LINES && terminated >= STYLE_MAJORITY * unterminated;
    }

    /** Start of the last sentence, or of its last {@value #MAX_FRAGMENT} characters. */
    static int fragmentStart(String text, int end) {
        return Math.max(Texts.sentenceStart(text, end), end - MAX_FRAGMENT);
    }

    /**
     * Start of a code fence left open at the end of the text, or -1. Counts every run of three or
     * more backticks, not only those at a line start: models often close a fence at the end of a
     * line.
     */
    private static int lastOpenCodeFence(String text, int end) {
        int open = -1;
        int i = text.indexOf("```");
        while (i >= 0 && i < end) {
            open = open < 0 ? i : -1;
            int runEnd = i;
            while (runEnd < end && text.charAt(runEnd) == '`') {
                runEnd++;
            }
            i = text.indexOf("```", runEnd);
        }
        return open;
    }

    private static LineKind kindOf(String text, int start, int end) {
        if (start < end && (text.charAt(start) == ' ' && start + 1 < end && text.charAt(start + 1) == ' '
                || text.charAt(start) == '\t')) {
            return LineKind.OTHER; // indented: code or a nested structure
        }
        String line = text.substring(start, end).strip();
        if (line.isEmpty()) {
            return LineKind.OTHER;
        }
        char first = line.charAt(0);
        if (first == '|' || first == '#' || first == '>' || first == '[' || first == '<' || line.contains(" | ")
                || line.contains(" = ") || line.contains("==") || line.contains("()") || line.contains("->")
                || line.contains("=>") || line.contains(";") || line.contains("{") || line.contains("}")
                || line.contains("://") || line.contains(" #") || isTitle(line)) {
            return LineKind.OTHER;
        }
        if (first == '-' || first == '*' || first == '+' || first == '•' || isEnumerated(line)) {
            return LineKind.LIST_ITEM;
        }
        return LineKind.PROSE;
    }

    /** "1. ", "12) ", "a. ", "B) ". */
    private static boolean isEnumerated(String line) {
        int i = 0;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        if (i == 0 && line.length() > 1 && Texts.isLetter(line.charAt(0))) {
            i = 1;
        }
        return i > 0 && i + 1 < line.length() && (line.charAt(i) == '.' || line.charAt(i) == ')')
                && line.charAt(i + 1) == ' ';
    }

    /**
     * Headlines, names and sign-offs: at least 80% of the words capitalised, not counting the short
     * words titles keep in lower case. Prose capitalises the first word and proper nouns.
     */
    private static boolean isTitle(String line) {
        int words = 0;
        int capitalised = 0;
        int i = 0;
        while (i < line.length()) {
            if (!Texts.isLetter(line.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < line.length() && Texts.isLetter(line.charAt(i))) {
                i++;
            }
            if (Character.isUpperCase(line.charAt(start))) {
                words++;
                capitalised++;
            } else if (i - start > TITLE_LOWER_CASE_MAX || !isTitleLowerCaseWord(line, start, i)) {
                words++;
            }
        }
        return words >= 2 && capitalised * 5 >= words * 4;
    }

    /** Whether {@code line[start, end)} is one of {@link #TITLE_LOWER_CASE_WORDS}, case-sensitively. */
    private static boolean isTitleLowerCaseWord(String line, int start, int end) {
        int length = end - start;
        for (String word : TITLE_LOWER_CASE_WORDS) {
            if (word.length() == length && line.startsWith(word, start)) {
                return true;
            }
        }
        return false;
    }

    /** Terminal punctuation or an emoji: fence markers were confused, but the answer did end. */
    private static boolean endsLikeFinishedProse(String text, int end) {
        int cp = Character.codePointBefore(text, end);
        return cp == '.' || cp == '!' || cp == '?' || Character.getType(cp) == Character.OTHER_SYMBOL;
    }

    /** Three or more comma-separated items of at most three words each. */
    private static boolean isEnumeration(String text, int start, int end) {
        int commas = 0;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == ',') {
                commas++;
            }
        }
        return commas >= 2 && Words.countSeparated(text, start, end) <= 3 * (commas + 1);
    }

    private static int lastIndexOf(String text, String needle, int from, int to) {
        int index = text.lastIndexOf(needle, to - needle.length());
        return index >= from ? index : -1;
    }

    private static int wordStartBefore(String text, int end) {
        int start = end;
        while (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    /** The lower-case word before index {@code wordStart}, "" at the start of a line. */
    private static String previousWord(String text, int wordStart) {
        int end = wordStart;
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(wordStartBefore(text, end), end).toLowerCase(Locale.ROOT);
    }
}
