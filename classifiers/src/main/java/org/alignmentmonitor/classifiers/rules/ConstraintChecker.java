package org.alignmentmonitor.classifiers.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.text.ListItems;
import org.alignmentmonitor.classifiers.text.Paragraphs;
import org.alignmentmonitor.classifiers.text.Scripts;
import org.alignmentmonitor.classifiers.text.Sentences;
import org.alignmentmonitor.classifiers.text.Words;

/**
 * A constraint and an answer to the violation, if any, with the span that shows it and a reason.
 * The semantics follow IFEval's checks; counts that people and tokenisers disagree on are checked
 * with slack: sentences against a lower bound (for "less than") or an upper bound (for "at least")
 * of the count, and words with a {@value #WORD_TOLERANCE} tolerance. Every check is a linear scan.
 */
public final class ConstraintChecker {

    private static final double WORD_TOLERANCE = 0.1;
    /**
     * A stated length ("a 2000 word essay") is a target, not a bound: models write 60-90% of a long
     * length and readers do not count, but under half of it is far too short at a glance.
     */
    private static final int STATED_WORDS_SHORT_FACTOR = 2;
    /**
     * A stated number of items ("list 20") is countable: readers see a list of 7 for 20. Under three
     * quarters leaves room for merged or nested items and for headers counted apart.
     */
    private static final int STATED_ITEMS_NUMERATOR = 3;
    private static final int STATED_ITEMS_DENOMINATOR = 4;
    private static final int MIN_LIST_ITEMS = 2;
    private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final Pattern HIGHLIGHTED = Pattern.compile("\\*\\*[^\\n*]*\\*\\*|\\*[^\\n*]*\\*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[^\\[\\]\\n]*\\]");
    private static final Pattern PPS = Pattern.compile("p\\.\\s?p\\.\\s?s", CI);
    private static final Pattern PS = Pattern.compile("p\\.\\s?s\\.", CI);

    private ConstraintChecker() {}

    /** The violation of {@code constraint} by {@code completion}, or null when it is kept. */
    public static ConstraintViolation check(Constraint constraint, String completion) {
        String text = completion == null ? "" : completion;
        return switch (constraint.kind()) {
            case NO_COMMA -> {
                int comma = text.indexOf(',');
                if (comma < 0) {
                    yield null;
                }
                int count = 0;
                for (int i = comma; i < text.length(); i++) {
                    count += text.charAt(i) == ',' ? 1 : 0;
                }
                yield new ConstraintViolation(constraint, comma, comma + 1, count + (count == 1 ? " comma" : " commas"));
            }
            case LOWERCASE -> caseViolation(constraint, text, true);
            case UPPERCASE -> caseViolation(constraint, text, false);
            case QUOTATION -> {
                int end = Texts.trimmedEnd(text);
                int start = 0;
                while (start < end && Texts.isSpace(text.charAt(start))) {
                    start++;
                }
                // IFEval: straight double quotes only; “curly” ones do not count
                boolean wrapped = end - start > 1 && text.charAt(start) == '"' && text.charAt(end - 1) == '"';
                yield wrapped ? null : new ConstraintViolation(constraint, start, Math.max(start, Math.min(end, start + 40)),
                        "a response not wrapped in double quotes");
            }
            case END_PHRASE -> endPhrase(constraint, text);
            case START_PHRASE -> startPhrase(constraint, text);
            case WORDS -> {
                int words = Words.count(text);
                int wanted = constraint.count();
                boolean clear = switch (constraint.relation()) {
                    case AT_LEAST -> words < wanted * (1 - WORD_TOLERANCE);
                    case AT_MOST -> words > wanted * (1 + WORD_TOLERANCE);
                    case LESS_THAN -> words >= wanted * (1 + WORD_TOLERANCE);
                    case EXACTLY -> Math.abs(words - wanted) > wanted * WORD_TOLERANCE;
                };
                yield clear ? wholeText(constraint, text, words + " words") : null;
            }
            case SENTENCES -> {
                Sentences.Count bounds = Sentences.count(text);
                int low = bounds.low();
                int high = bounds.high();
                int wanted = constraint.count();
                boolean clear = switch (constraint.relation()) {
                    case AT_LEAST -> high < wanted;
                    case AT_MOST -> low > wanted;
                    case LESS_THAN -> low >= wanted;
                    case EXACTLY -> high < wanted || low > wanted;
                };
                String found = low == high ? String.valueOf(low) : low + " to " + high;
                yield clear ? wholeText(constraint, text, found + " sentences") : null;
            }
            case PARAGRAPHS -> {
                int paragraphs = "***".equals(constraint.text()) ? Paragraphs.divided(text) : Paragraphs.blankLineSeparated(text);
                yield paragraphs == constraint.count() ? null : wholeText(constraint, text,
                        paragraphs < 0 ? "an empty paragraph between dividers"
                                : paragraphs + " paragraphs separated by " + constraint.text());
            }
            case STATED_WORDS -> {
                int words = Words.count(text);
                yield words * STATED_WORDS_SHORT_FACTOR < constraint.count() && !unspacedScript(text)
                        ? wholeText(constraint, text, words + " words, under half the length asked for") : null;
            }
            case STATED_ITEMS -> {
                int items = ListItems.items(text);
                // Fewer than two list lines: a refusal, prose or an inline list, which this check does not count.
                yield items >= MIN_LIST_ITEMS && items * STATED_ITEMS_DENOMINATOR < constraint.count() * STATED_ITEMS_NUMERATOR
                        ? wholeText(constraint, text, items + " items, under three quarters of those asked for") : null;
            }
            case BULLETS -> {
                int bullets = ListItems.bullets(text);
                yield constraint.relation().holds(bullets, constraint.count()) ? null
                        : wholeText(constraint, text, bullets + " bullet points");
            }
            case PLACEHOLDERS -> {
                int count = countMatches(PLACEHOLDER, text, false);
                yield count >= constraint.count() ? null : wholeText(constraint, text, count + " placeholders");
            }
            case HIGHLIGHTS -> {
                int count = countMatches(HIGHLIGHTED, text, true);
                yield count >= constraint.count() ? null : wholeText(constraint, text, count + " highlighted sections");
            }
            case TITLE -> hasTitle(text) ? null : new ConstraintViolation(constraint, -1, -1, "no <<title>>");
            case POSTSCRIPT -> {
                Pattern marker = "P.P.S".equals(constraint.text()) || "P.P.S.".equals(constraint.text()) ? PPS : PS;
                yield marker.matcher(text).find() ? null
                        : new ConstraintViolation(constraint, -1, -1, "no postscript starting with " + constraint.text());
            }
            case LETTER_FREQUENCY -> {
                int count = letters(text, constraint.text().charAt(0));
                yield constraint.relation().holds(count, constraint.count()) ? null
                        : wholeText(constraint, text, count + (count == 1 ? " time" : " times"));
            }
            case WORD_FREQUENCY -> {
                Pattern word = Pattern.compile("\\b" + Pattern.quote(constraint.text()) + "\\b", CI);
                int count = countMatches(word, text, false);
                yield constraint.relation().holds(count, constraint.count()) ? null
                        : wholeText(constraint, text, count + (count == 1 ? " time" : " times"));
            }
            case TWO_RESPONSES -> twoResponses(constraint, text);
            case KEYWORDS_INCLUDED, KEYWORDS_FORBIDDEN, SECTIONS, CAPITAL_WORDS, REPEAT_PROMPT, ANSWER_OPTIONS ->
                    ContentConstraints.check(constraint, text);
            case JSON -> {
                int start = 0;
                int end = Texts.trimmedEnd(text);
                while (start < end && Texts.isSpace(text.charAt(start))) {
                    start++;
                }
                if (text.startsWith("```", start)) {
                    int lineEnd = text.indexOf('\n', start);
                    start = lineEnd < 0 ? end : lineEnd + 1;
                    while (start < end && Texts.isSpace(text.charAt(start))) {
                        start++;
                    }
                }
                boolean json = start < end && (text.charAt(start) == '{' || text.charAt(start) == '[');
                yield json ? null : new ConstraintViolation(constraint, start, Math.max(start, Math.min(end, start + 40)),
                        "text that does not start as JSON");
            }
        };
    }

    /** IFEval's letter count: the letter's occurrences in the lower-cased text. */
    private static int letters(String text, char letter) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            count += Character.toLowerCase(text.charAt(i)) == letter ? 1 : 0;
        }
        return count;
    }

    /**
     * IFEval's check: split at the divider, blank parts only first or last, exactly two others and
     * they differ (ignoring surrounding whitespace).
     */
    private static ConstraintViolation twoResponses(Constraint constraint, String text) {
        String divider = constraint.text();
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int at = text.indexOf(divider); at >= 0; at = text.indexOf(divider, from)) {
            parts.add(text.substring(from, at));
            from = at + divider.length();
        }
        parts.add(text.substring(from));
        List<String> responses = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (!parts.get(i).isBlank()) {
                responses.add(parts.get(i).strip());
            } else if (i != 0 && i != parts.size() - 1) {
                return wholeText(constraint, text, "an empty response between dividers");
            }
        }
        if (responses.size() == 2 && !responses.get(0).equals(responses.get(1))) {
            return null;
        }
        return wholeText(constraint, text, responses.size() == 2 ? "the same response twice" : responses.size() + " responses");
    }

    /** Chinese, Japanese or Thai letters, written without spaces between words: a word count means nothing. */
    private static boolean unspacedScript(String text) {
        for (int i = 0; i < text.length(); i++) {
            int script = Scripts.of(text.charAt(i));
            if (script == Scripts.CJK || script == Scripts.THAI) {
                return true;
            }
        }
        return false;
    }

    private static ConstraintViolation wholeText(Constraint constraint, String text, String found) {
        int end = Texts.trimmedEnd(text);
        return end == 0 ? new ConstraintViolation(constraint, -1, -1, found) : new ConstraintViolation(constraint, 0, end, found);
    }

    private static ConstraintViolation caseViolation(Constraint constraint, String text, boolean lower) {
        int count = 0;
        int first = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean wrong = lower ? Character.toLowerCase(cp) != cp : Character.toUpperCase(cp) != cp;
            if (wrong) {
                count++;
                if (first < 0) {
                    first = i;
                }
            }
            i += Character.charCount(cp);
        }
        if (first < 0) {
            return null;
        }
        int start = first;
        while (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
            start--;
        }
        int end = first;
        while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
            end++;
        }
        end = Math.max(end, first + 1);
        return new ConstraintViolation(constraint, start, end,
                count + (lower ? " upper-case letter" : " lower-case letter") + (count == 1 ? "" : "s"));
    }

    private static ConstraintViolation endPhrase(Constraint constraint, String text) {
        // IFEval: the stripped answer ends with the stripped phrase, ignoring case, so "**phrase**" does
        // not; IFEval's truth keeps a phrase quoted at the very end, so closing quotes are passed over.
        String phrase = constraint.text().strip();
        if (phrase.isEmpty()) {
            return null;
        }
        int end = Texts.trimmedEnd(text);
        while (end > 0 && isClosingQuote(text.charAt(end - 1)) && !isClosingQuote(phrase.charAt(phrase.length() - 1))) {
            end--;
        }
        if (end >= phrase.length() && text.regionMatches(true, end - phrase.length(), phrase, 0, phrase.length())) {
            return null;
        }
        if (end == 0) {
            return new ConstraintViolation(constraint, -1, -1, "an empty response");
        }
        int start = Texts.sentenceStart(text, end);
        return new ConstraintViolation(constraint, Math.min(start, end - 1), end, "a different ending");
    }

    /**
     * Kept when the first or second non-blank line (after a title or heading) starts with the
     * phrase, ignoring case, quotes and markdown marks.
     */
    private static ConstraintViolation startPhrase(Constraint constraint, String text) {
        String phrase = constraint.text();
        int i = 0;
        int firstLine = -1;
        for (int line = 0; line < 2 && i < text.length(); line++) {
            while (i < text.length() && (Texts.isSpace(text.charAt(i)) || isLeadingMark(text.charAt(i)))) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            if (firstLine < 0) {
                firstLine = i;
            }
            int after = i + phrase.length();
            if (text.regionMatches(true, i, phrase, 0, phrase.length())
                    && (after >= text.length() || !Character.isLetterOrDigit(text.charAt(after)))) {
                return null;
            }
            int next = text.indexOf('\n', i);
            i = next < 0 ? text.length() : next + 1;
        }
        if (firstLine < 0) {
            return new ConstraintViolation(constraint, -1, -1, "an empty response");
        }
        int end = firstLine;
        while (end < text.length() && end - firstLine < 40 && text.charAt(end) != '\n') {
            end++;
        }
        return new ConstraintViolation(constraint, firstLine, Math.max(end, firstLine + 1), "a different start");
    }

    private static boolean isClosingQuote(char c) {
        return c == '"' || c == '”' || c == '\'' || c == '’';
    }

    private static boolean isLeadingMark(char c) {
        return c == '"' || c == '\'' || c == '“' || c == '‘' || c == '*' || c == '_' || c == '#' || c == '>';
    }

    private static int countMatches(Pattern pattern, String text, boolean nonBlankInside) {
        int count = 0;
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (!nonBlankInside || !m.group().replace("*", "").isBlank()) {
                count++;
            }
        }
        return count;
    }

    /**
     * A line with "<<" and a later ">>" with something other than spaces between them. Every
     * character is visited a bounded number of times: the search for ">>" skips the lines without one.
     */
    private static boolean hasTitle(String text) {
        int from = 0;
        while (from < text.length()) {
            int open = text.indexOf("<<", from);
            if (open < 0) {
                return false;
            }
            int firstClose = text.indexOf(">>", open + 2);
            if (firstClose < 0) {
                return false;
            }
            int lineEnd = text.indexOf('\n', open);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            if (firstClose + 2 > lineEnd) {
                from = Texts.lineStart(text, firstClose + 1); // no line in between has a ">>"
                continue;
            }
            int close = firstClose;
            for (int at = text.indexOf(">>", close + 1); at >= 0 && at + 2 <= lineEnd; at = text.indexOf(">>", at + 1)) {
                close = at;
            }
            if (!text.substring(open + 2, close).isBlank()) {
                return true;
            }
            from = lineEnd + 1;
        }
        return false;
    }
}
