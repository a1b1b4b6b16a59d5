package org.alignmentmonitor.classifiers.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alignmentmonitor.classifiers.rules.Constraint.Kind;
import org.alignmentmonitor.classifiers.rules.Constraint.Relation;
import org.alignmentmonitor.classifiers.text.Sentences;

/**
 * Request text to the explicit, checkable constraints it states ("do not use any commas", "in all
 * lowercase letters", "at most 3 sentences"...). The phrasings follow the IFEval prompt set, read by
 * their wording, not by whole prompts.
 *
 * <p>Parsing is conservative: a sentence is only read as a constraint when its wording is
 * unambiguous, because flagging an answer for a constraint the user never set is worse than
 * missing one. All patterns are precompiled, with bounded or negated-class quantifiers only, and
 * the prompt is scanned at its last {@value #PROMPT_SCAN_CHARS} characters.
 */
public final class ConstraintParser {

    /** Instructions sit at the end of long prompts (after the pasted text); only that part is parsed. */
    static final int PROMPT_SCAN_CHARS = 10_000;

    private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    static final String NUM = "(\\d{1,5}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
            + "|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)";

    private static final Pattern NO_COMMA = Pattern.compile(
            "\\b(?:do not|don't|does not|doesn't|should not|shouldn't|must not|mustn't|cannot|can not|can't"
                    + "|not allowed to|never|without|avoid|refrain from|no)"
                    + "(?:\\s+(?:use|using|include|including|contain|containing|the|of|any|put|putting|have|having"
                    + "|be|with|a|single)){0,4}\\s+commas\\b", CI);

    private static final Pattern LOWERCASE = Pattern.compile(
            "\\b(?:all|only|entirely)\\s+(?:in\\s+)?lower[ -]?case\\b|\\blower[ -]?case\\s+(?:letters|english)\\b"
                    + "|\\bletters\\s+(?:are\\s+)?lower[ -]?cased?\\b"
                    + "|\\b(?:no|without)(?:\\s+(?:using|any|the use of))?\\s+capital letters\\b", CI);

    private static final Pattern UPPERCASE = Pattern.compile(
            "\\b(?:all|only|entirely)\\s+(?:in\\s+)?(?:capital|upper[ -]?case)(?:\\s+letters)?\\b|\\ball caps\\b"
                    + "|\\b(?:in|using)\\s+capital letters\\b|\\bno lower[ -]?case letters\\b", CI);

    /** "without using capital letters" asks for lowercase: a negation just before an upper-case cue. */
    private static final Pattern NEGATED_BEFORE = Pattern.compile("\\b(?:without|not|no|never|avoid)\\b", CI);

    /** Sentences about how many capitalised words to use (IFEval capital_word_frequency), not the case of all text. */
    private static final Pattern WORD_CASE_FREQUENCY = Pattern.compile("\\bwords?\\b|\\bappears?\\b|\\btimes\\b", CI);

    private static final Pattern QUOTATION = Pattern.compile(
            "\\b(?:wrap|wrapped|wrapping|put|place|placed|enclose|enclosed)\\b([^.!?\\n]{0,60}?)"
                    + "\\b(?:in|with|inside|within|on)\\s+double\\s+quot"
                    + "|\\bdouble\\s+quot[a-z]*(?:\\s+marks)?(?:\\s+should\\s+be)?(?:\\s+placed)?\\s+around\\s+"
                    + "(?:your|the)\\s+(?:entire\\b|whole\\b|(?:response|answer|output|reply)\\b)", CI);
    private static final Pattern WHOLE_RESPONSE = Pattern.compile("\\b(?:entire|whole|response|answer|output)\\b", CI);
    /** "your entire response is wrapped in double quotes": the whole response named before the verb. */
    private static final Pattern WHOLE_RESPONSE_BEFORE = Pattern.compile(
            "\\b(?:entire|whole|your)\\s+(?:response|answer|output|reply)\\s+(?:is\\s+|should\\s+be\\s+|must\\s+be\\s+)?$", CI);

    private static final Pattern END_QUOTED = Pattern.compile(
            "\\b(?:end|finish|conclude)(?:s|ing)?\\b([^.!?\\n\"“]{0,60}?)\\bwith\\b([^\"“\\n.!?]{0,40}?)[\"“]([^\"”\\n]{1,120})[\"”]",
            CI);
    private static final Pattern END_UNQUOTED = Pattern.compile(
            "\\b(?:end|finish|conclude)(?:s|ing)?\\b([^.!?\\n\"“]{0,60}?)\\bwith"
                    + "(?:(?:\\s+(?:the|this))?\\s+exact\\s+(?:phrase|question|sentence|words)\\s*:?|\\s*:)"
                    + "\\s*([^\\n\"“]{1,120}?[.?!])(?=\\s|$)", CI);
    private static final Pattern END_GAP = Pattern.compile(
            "\\s*(?:(?:the|this|exact|exactly|following|phrase|sentence|question|words?|statement)\\s*)*:?\\s*", CI);
    private static final Pattern END_SUBJECT_EXCLUDED = Pattern.compile(
            "\\b(?:each|every|paragraphs?|sentences?|lines?|sections?|first|verses?|stanzas?|bullets?|words?|points?"
                    + "|start\\w*|begin\\w*|add|note|post\\s?script)\\b|^\\s*of\\b",
            CI);

    /** "Start your response with the word X", "The first paragraph must start with "X"": quoted, or a word named as such. */
    private static final Pattern START = Pattern.compile(
            "\\b(?:start|begin)(?:s|ning)?\\s+(?:(?:it|your\\s+\\w+|the\\s+(?:first\\s+)?\\w+)\\s+)?with\\s+(?:the\\s+)?"
                    + "(?:(word|phrase|sentence)\\s+)?(?:[\"“]([^\"”\\n]{1,80})[\"”]|([\\p{L}][\\p{L}'-]{0,30})\\b)", CI);
    /** Sentences about where a part other than the whole response starts. */
    private static final Pattern START_EXCLUDED = Pattern.compile(
            "\\b(?:each|every|second|third|fourth|fifth|sixth|last|\\d+(?:st|nd|rd|th)|paragraph\\s+[2-9]"
                    + "|sentences?|lines?|verses?|stanzas?|bullets?|sections?|post\\s?script|the\\s+letter)\\b"
                    + "|P\\.\\s?S", CI);

    /**
     * The wordings of checkable instructions (keywords, letter counts, language, sections, several responses,
     * repeating the request...), for counting those the parser did not read: they still count towards the
     * number of constraints the model has to track at once; each pattern counts once.
     */
    private static final List<Cue> OTHER_CONSTRAINTS = List.of(
        new Cue(Set.of(Kind.KEYWORDS_INCLUDED, Kind.KEYWORDS_FORBIDDEN), Pattern.compile("\\bkeywords?\\b", CI)),
        new Cue(Set.of(Kind.KEYWORDS_FORBIDDEN), Pattern.compile("\\b(?:do not|don't|without|never)\\s+(?:use|using|include|including|mention|say)\\s+the\\s+words?\\b", CI)),
        new Cue(Set.of(Kind.WORD_FREQUENCY), Pattern.compile("\\bthe\\s+word\\s+\\S{1,30}\\s+(?:should|must)\\s+appear\\b|\\bappears?\\s+(?:at least|at most|less than|more than|exactly)", CI)),
        new Cue(Set.of(Kind.LETTER_FREQUENCY), Pattern.compile("\\bthe\\s+letter\\s+\\S{1,3}\\s+(?:should\\s+|must\\s+)?appear", CI)),
        new Cue(Set.of(), Pattern.compile("\\bno other language|\\b(?:only|entirely|entire response)\\s+(?:in\\s+)?(?:the\\s+)?[A-Z][a-z]+\\s+language\\b", CI)),
        new Cue(Set.of(Kind.SECTIONS), Pattern.compile("\\bSECTION\\s+X\\b|\\bsections?\\s+with\\s+(?:SECTION|Section|PART|Part)\\b")),
        new Cue(Set.of(Kind.TWO_RESPONSES), Pattern.compile("\\b(?:two|2)\\s+different\\s+responses\\b|\\*{6}", CI)),
        new Cue(Set.of(Kind.REPEAT_PROMPT), Pattern.compile("\\brepeat\\s+the\\s+request\\b", CI)),
        new Cue(Set.of(Kind.CAPITAL_WORDS), Pattern.compile("\\bwords\\s+(?:with|in)\\s+all\\s+capital\\s+letters\\b", CI)),
        new Cue(Set.of(Kind.ANSWER_OPTIONS), Pattern.compile("\\b(?:My answer is yes|My answer is no|My answer is maybe)\\b", CI)));

    /** The wording of an instruction, and the kinds that check it when the parser read one (none: never read). */
    private record Cue(Set<Kind> coveredBy, Pattern pattern) {}

    static final String RELATION = "(at least|no less than|no fewer than|not less than|a minimum of|more than"
            + "|at most|no more than|not more than|a maximum of|less than|fewer than|exactly)";
    /** A word, perhaps in quotes: the quotes are not part of it. */
    private static final String QUOTED_WORD = "[\"'“‘]?([\\p{L}\\d](?:[\\p{L}\\d'-]{0,30}[\\p{L}\\d])?)[\"'”’]?";
    private static final String QUOTED_LETTER = "[\"'“‘]?([a-z])[\"'”’]?";
    private static final String TIMES = "(?:" + NUM + "\\s+times?|(once|twice|thrice))";
    /**
     * "the letter q should appear at least 5 times", "contains the letter j at least once", "use the
     * letter b less than 8 times" (IFEval letter_frequency): group 1, 5 or 9 is the letter.
     */
    private static final Pattern LETTER_FREQUENCY = Pattern.compile(
            "\\bletter\\s+" + QUOTED_LETTER + "\\s+(?:should\\s+|must\\s+|to\\s+)?(?:appears?|appearing|show\\s+up)\\s+"
                    + RELATION + "\\s+" + TIMES
                    + "|\\b(?:contains?|includes?)\\s+the\\s+letter\\s+" + QUOTED_LETTER + "\\s+" + RELATION + "\\s+" + TIMES
                    + "|\\b(?:use|uses|using|limit)\\s+the\\s+letter\\s+" + QUOTED_LETTER + "\\s+(?:to\\s+)?" + RELATION
                    + "\\s+" + TIMES,
            CI);
    /**
     * "the word X should appear at least 2 times", "use the word X at least twice" (IFEval
     * keywords:frequency): group 1 or 5 is the word.
     */
    private static final Pattern WORD_FREQUENCY = Pattern.compile(
            "\\bword\\s+" + QUOTED_WORD + "\\s+(?:should\\s+|must\\s+)?(?:appears?|appearing|show\\s+up|to\\s+be\\s+used)\\s+"
                    + RELATION + "\\s+" + TIMES
                    + "|\\b(?:use|uses|using|include|includes|including|contain|contains)\\s+the\\s+word\\s+" + QUOTED_WORD
                    + "\\s+" + RELATION + "\\s+" + TIMES, CI);
    /**
     * "Give two different responses", "exactly 2 distinct responses", "two different cover letters"
     * (IFEval two_responses): read only when the prompt also names the divider (see {@link #SIX_ASTERISKS}).
     */
    private static final Pattern TWO_RESPONSES = Pattern.compile(
            "\\b(?:two|2)\\s+(?:different|distinct|separate)\\s+(?:[\\p{L}-]+\\s+)?[\\p{L}-]+", CI);
    private static final Pattern SIX_ASTERISKS = Pattern.compile("\\*{6}|\\b(?:6|six)\\s+asterisks?\\b", CI);
    private static final String RESPONSE_DIVIDER = "******";

    private static final Pattern COUNTED = Pattern.compile(
            "\\b(at least|no less than|no fewer than|not less than|a minimum of|more than|at most|no more than"
                    + "|not more than|a maximum of|less than|fewer than|exactly)\\s+(?:a total of\\s+)?" + NUM
                    + "\\s+((?:markdown\\s+)?bullet[ -]?points?|bullets|sentences?|words?|paragraphs?|placeholders?"
                    + "|(?:highlighted\\s+|text\\s+)?sections?)\\b"
                    + "|\\b" + NUM + "\\s*(?:\\+|or more)\\s*(sentences?|words?)\\b", CI);
    /**
     * A length stated without a relation: "a 2000 word essay", "a 1000-1250 word essay", "write 500 words
     * on". Group 1 the number (the lower end of a range). Lengths under {@value #MIN_STATED_WORDS} words
     * are left to the counted form: "in 10 words" is a format, not a length.
     */
    private static final Pattern STATED_WORDS = Pattern.compile("\\b(\\d{2,5})(?:\\s*(?:-|–|to)\\s*\\d{2,5})?[- ]words?\\b", CI);
    private static final int MIN_STATED_WORDS = 100;
    /** Bounds, approximations and word-count limits before the number: not a stated length. */
    private static final Pattern WORDS_BOUND_BEFORE = Pattern.compile(
            "\\b(?:least|most|than|exactly|under|within|up to|below|max\\w*|min\\w*|limit\\w*|over|above|first|last)\\s*$", CI);
    private static final Pattern WORDS_BOUND_AFTER = Pattern.compile("^\\s*(?:or (?:less|fewer|more|under)|max\\w*|limit)", CI);
    /**
     * A number of items asked for: "list 20", "give me ten ideas", "top 20 films", "twenty names of
     * famous horses" (a request that opens with the count). Group 1 or 2 the number.
     */
    private static final Pattern STATED_ITEMS = Pattern.compile("\\b(?:list|name|give(?: me| us)?|suggest|provide|generate"
            + "|recommend|brainstorm|come up with)\\s+(?:me\\s+|us\\s+)?(?:a list of\\s+|the\\s+)?(?:top\\s+)?" + NUM
            + "\\s+(?!(?:words?|sentences?|paragraphs?|pages?|lines?|characters?|times|minutes|hours|days|weeks|months"
            + "|years|percent|dollars|bullet|%|or\\b|to\\b|-))\\S"
            // "top 100" also names a chart ("a top 100 rap song"): only "top 20 films", "top 10 list"
            + "|\\btop\\s+" + NUM + "\\s+(?:[a-z]+\\s+)?(?:[a-z]+s|list)\\b"
            + "|^\\s*" + NUM + "\\s+[a-z]+s\\s+(?:of|for|to|that)\\b", CI);
    /** Fewer items than this are a format ("give me 2 options"), and a miss of one is no glance-level failure. */
    private static final int MIN_STATED_ITEMS = 5;
    private static final int MAX_STATED_ITEMS = 100;
    private static final List<String> ITEM_VERBS = List.of("list", "name", "give", "suggest", "provide", "generate",
            "recommend", "brainstorm", "come up with", "top");
    private static final List<String> NUMBER_WORDS_FROM_FIVE =
            List.of("five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "teen", "twenty");
    /** The number words of {@link #NUM} from five on, as whole tokens. */
    private static final String[] COUNT_WORDS = {"five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
    private static final Pattern PER_PART = Pattern.compile("\\b(?:each|every|per)\\b", CI);
    private static final Pattern WORD_QUALIFIER = Pattern.compile(
            "\\b(?:capital|capitals|capitalized|upper[ -]?case|lower[ -]?case|caps|title|keywords?|bold|italic)\\b", CI);
    private static final Pattern WORDS_FOLLOWED_BY = Pattern.compile(
            "\\s+(?:from|of|that|which|in\\s+all|with|starting|beginning|ending|like|such|related|in\\s+capital)\\b", CI);
    private static final Pattern HIGHLIGHT = Pattern.compile("\\bhighlight|\\bitalici[sz]", CI);
    private static final Pattern SQUARE_BRACKETS = Pattern.compile("square brackets?|\\[[\\w ]{1,30}\\]", CI);
    private static final Pattern EACH_SEPARATED = Pattern.compile(
            "\\beach\\s+(?:paragraph\\s+)?(?:is\\s+|should\\s+be\\s+|being\\s+)?separated\\b"
                    + "|\\bseparate\\s+each\\s+paragraph\\b", CI);
    private static final Pattern BLANK_LINE_PARAGRAPHS = Pattern.compile(
            "\\b(?:two new ?lines|2 new ?lines|two line breaks|blank lines?|empty lines?|double line breaks?)\\b", CI);

    private static final Pattern TITLE = Pattern.compile("\\btitle\\b[^\\n]{0,80}?\\bdouble angul", CI);
    private static final Pattern POSTSCRIPT = Pattern.compile(
            "\\bpost[- ]?script\\b[^.\\n]{0,60}?\\b(?:start|begin)(?:s|ing)?\\s+with\\s+(P\\.\\s?P\\.\\s?S|P\\.\\s?S\\.)", CI);
    private static final Pattern JSON_PROMPT = Pattern.compile(
            "\\b(?:wrap|format|answer|respond|reply|output|response)\\w*\\b[^.!?\\n]{0,40}?\\bin JSON\\b"
                    + "|\\bin JSON format\\b", CI);
    /** JSON asked for a file, a program's output or part of the answer, not as the form of the whole reply. */
    private static final Pattern JSON_PART = Pattern.compile(
            "\\b(?:part|parts|section|some|example|snippet|block|field|fields|key|keys|schema|table|include|includes|code"
                    + "|file|files|save|saves|saving|saved|store|stores|load|loads|parse|parses|convert|converts|script"
                    + "|program|function|api|request|requests|python|javascript|java|database|config|configuration)\\b",
            CI);

    private ConstraintParser() {}

    /**
     * How many other checkable instructions the prompt carries (see {@link #OTHER_CONSTRAINTS}): those
     * the parser did not read into one of {@code parsed}.
     */
    static int otherConstraints(String prompt, List<Constraint> parsed) {
        int from = Math.max(0, prompt.length() - PROMPT_SCAN_CHARS);
        int count = 0;
        for (Cue cue : OTHER_CONSTRAINTS) {
            boolean read = parsed.stream().anyMatch(c -> cue.coveredBy().contains(c.kind()));
            if (!read && cue.pattern().matcher(prompt).region(from, prompt.length()).find()) {
                count++;
            }
        }
        return count;
    }

    /** The constraints of the prompt, at most one per kind (the first stated). */
    public static List<Constraint> parse(String prompt) {
        List<Constraint> found = new ArrayList<>();
        if (prompt == null || prompt.isEmpty()) {
            return found;
        }
        int from = Math.max(0, prompt.length() - PROMPT_SCAN_CHARS);
        // Keyword gates: most prompts state no constraint, and String.indexOf is far cheaper than a regex scan.
        String lower = prompt.substring(from).toLowerCase(Locale.ROOT);
        EnumSet<Kind> seen = EnumSet.noneOf(Kind.class);

        // Each matcher is made behind its gate: making one (and its group arrays) for every pattern of every
        // prompt cost about as much as the gates.
        Matcher m;
        if (lower.contains("comma") && (m = in(NO_COMMA, prompt, from)).find()) {
            add(found, seen, new Constraint(Kind.NO_COMMA, null, 0, null, m.start(), m.end()));
        }
        m = lower.contains("lower") || lower.contains("capital") ? in(LOWERCASE, prompt, from) : null;
        while (m != null && m.find()) {
            if (!WORD_CASE_FREQUENCY.matcher(Sentences.around(prompt, m.start(), m.end())).find()) {
                add(found, seen, new Constraint(Kind.LOWERCASE, null, 0, null, m.start(), m.end()));
                break;
            }
        }
        m = lower.contains("capital") || lower.contains("upper") || lower.contains("caps") || lower.contains("lower")
                ? in(UPPERCASE, prompt, from) : null;
        while (m != null && m.find()) {
            boolean negated = NEGATED_BEFORE.matcher(prompt).region(Math.max(0, m.start() - 24), m.start()).find();
            if (!negated && !WORD_CASE_FREQUENCY.matcher(Sentences.around(prompt, m.start(), m.end())).find()) {
                add(found, seen, new Constraint(Kind.UPPERCASE, null, 0, null, m.start(), m.end()));
                break;
            }
        }
        if (seen.contains(Kind.LOWERCASE) && seen.contains(Kind.UPPERCASE)) {
            // Contradictory or unclear (e.g. "lowercase, except capital letters for names"): not checkable.
            found.removeIf(c -> c.kind() == Kind.LOWERCASE || c.kind() == Kind.UPPERCASE);
        }
        m = lower.contains("double") ? in(QUOTATION, prompt, from) : null;
        while (m != null && m.find()) {
            if (m.group(1) == null || WHOLE_RESPONSE.matcher(m.group(1)).find()
                    || WHOLE_RESPONSE_BEFORE.matcher(prompt).region(Math.max(0, m.start() - 40), m.start()).find()) {
                add(found, seen, new Constraint(Kind.QUOTATION, null, 0, null, m.start(), m.end()));
                break;
            }
        }
        if (lower.contains("with") && (lower.contains("end") || lower.contains("finish") || lower.contains("conclude"))) {
            parseEndPhrase(prompt, from, found, seen);
        }
        if (lower.contains("start") || lower.contains("begin")) {
            parseStart(prompt, from, found, seen);
        }
        if ((lower.contains("sentence") || lower.contains("word") || lower.contains("paragraph")
                || lower.contains("bullet") || lower.contains("placeholder") || lower.contains("section"))
                && (lower.contains("least") || lower.contains("than") || lower.contains("most")
                || lower.contains("exactly") || lower.contains("minimum") || lower.contains("maximum")
                || lower.contains("+") || lower.contains("or more"))) {
            parseCounts(prompt, from, found, seen);
        }
        if (lower.contains("word") && !seen.contains(Kind.WORDS)) {
            parseStatedWords(prompt, from, found, seen);
        }
        if (mayStateItems(lower) && (m = in(STATED_ITEMS, prompt, from)).find()
                && !PER_PART.matcher(Sentences.around(prompt, m.start(), m.end())).find()) {
            int count = number(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
            if (count >= MIN_STATED_ITEMS && count <= MAX_STATED_ITEMS) {
                add(found, seen, new Constraint(Kind.STATED_ITEMS, Relation.AT_LEAST, count, null, m.start(), m.end()));
            }
        }
        if (lower.contains("angul") && (m = in(TITLE, prompt, from)).find()) {
            add(found, seen, new Constraint(Kind.TITLE, null, 0, null, m.start(), m.end()));
        }
        if (lower.contains("script") && (m = in(POSTSCRIPT, prompt, from)).find()) {
            String marker = m.group(1).replace(" ", "").toUpperCase(Locale.ROOT);
            add(found, seen, new Constraint(Kind.POSTSCRIPT, null, 0, marker, m.start(), m.end()));
        }
        if (lower.contains("letter") && (m = in(LETTER_FREQUENCY, prompt, from)).find()) {
            parseFrequency(m, m.group(1) != null ? 1 : m.group(5) != null ? 5 : 9, Kind.LETTER_FREQUENCY, found, seen);
        }
        if (lower.contains("word") && (m = in(WORD_FREQUENCY, prompt, from)).find()) {
            parseFrequency(m, m.group(1) != null ? 1 : 5, Kind.WORD_FREQUENCY, found, seen);
        }
        if ((lower.contains("asterisk") || lower.contains(RESPONSE_DIVIDER)) && (m = in(TWO_RESPONSES, prompt, from)).find()
                && in(SIX_ASTERISKS, prompt, from).find()) {
            add(found, seen, new Constraint(Kind.TWO_RESPONSES, null, 0, RESPONSE_DIVIDER, m.start(), m.end()));
        }
        ContentConstraints.parse(prompt, from, lower).forEach(constraint -> add(found, seen, constraint));
        if (lower.contains("json") && (m = in(JSON_PROMPT, prompt, from)).find() && !JSON_PART.matcher(Sentences.around(prompt, m.start(), m.end())).find()) {
            add(found, seen, new Constraint(Kind.JSON, null, 0, null, m.start(), m.end()));
        }
        return found;
    }

    /** A matcher of {@code pattern} over {@code prompt} from {@code from} on. */
    static Matcher in(Pattern pattern, String prompt, int from) {
        return pattern.matcher(prompt).region(from, prompt.length());
    }

    /**
     * The cheap gate of the stated-items regex: a count it could read as {@value #MIN_STATED_ITEMS} or more, and
     * one of the regex's verbs or "top" or a number word at the start.
     */
    private static boolean mayStateItems(String lower) {
        boolean number = hasItemCount(lower);
        if (!number) {
            return false;
        }
        String stripped = lower.strip();
        if (!stripped.isEmpty() && startsWithNumber(stripped)) {
            return true;
        }
        for (String verb : ITEM_VERBS) {
            if (lower.contains(verb)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code lower} has a token the stated-items regex could read as a count of
     * {@value #MIN_STATED_ITEMS} or more: 1-5 digits or a number word from five to twenty, after a
     * regex space or at the start, and before a regex space. Every alternative of the regex puts its
     * number there, and a first match with another number adds nothing, so without one it cannot add
     * a constraint. "ten" and "teen" inside words ("often", "written") no longer open the regex.
     */
    static boolean hasItemCount(String lower) {
        int length = lower.length();
        int start = 0;
        while (start < length) {
            int end = start;
            while (end < length && !isRegexSpace(lower.charAt(end))) {
                end++;
            }
            if (end < length && end > start && isCountToken(lower, start, end)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean isCountToken(String lower, int start, int end) {
        int length = end - start;
        if (length <= 5) {
            boolean digits = true;
            for (int i = start; i < end && digits; i++) {
                digits = lower.charAt(i) >= '0' && lower.charAt(i) <= '9';
            }
            if (digits) {
                return true;
            }
        }
        for (String word : COUNT_WORDS) {
            if (word.length() == length && lower.startsWith(word, start)) {
                return true;
            }
        }
        return false;
    }

    /** {@code \s} of a regex without UNICODE_CHARACTER_CLASS: [ \t\n\x0B\f\r]. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    private static boolean startsWithNumber(String stripped) {
        if (Character.isDigit(stripped.charAt(0))) {
            return true;
        }
        for (String word : NUMBER_WORDS_FROM_FIVE) {
            if (stripped.startsWith(word)) {
                return true;
            }
        }
        return false;
    }

    private static void parseStatedWords(String prompt, int from, List<Constraint> found, Set<Kind> seen) {
        Matcher m = STATED_WORDS.matcher(prompt).region(from, prompt.length());
        while (m.find()) {
            int count = number(m.group(1));
            String sentence = Sentences.around(prompt, m.start(), m.end());
            if (count < MIN_STATED_WORDS || PER_PART.matcher(sentence).find() || WORD_QUALIFIER.matcher(sentence).find()
                    || WORDS_BOUND_BEFORE.matcher(prompt).region(Math.max(0, m.start() - 16), m.start()).find()
                    || WORDS_BOUND_AFTER.matcher(prompt).region(m.end(), Math.min(prompt.length(), m.end() + 12)).find()
                    || WORDS_FOLLOWED_BY.matcher(prompt).region(m.end(), Math.min(prompt.length(), m.end() + 20)).lookingAt()) {
                continue;
            }
            add(found, seen, new Constraint(Kind.STATED_WORDS, Relation.AT_LEAST, count, null, m.start(), m.end()));
            return;
        }
    }

    private static void parseEndPhrase(String prompt, int from, List<Constraint> found, Set<Kind> seen) {
        Matcher m = END_QUOTED.matcher(prompt).region(from, prompt.length());
        while (m.find()) {
            if (!END_SUBJECT_EXCLUDED.matcher(m.group(1)).find() && END_GAP.matcher(m.group(2)).matches()
                    && hasLetterOrDigit(m.group(3))) {
                add(found, seen, new Constraint(Kind.END_PHRASE, null, 0, m.group(3).strip(), m.start(), m.end()));
                return;
            }
        }
        m = END_UNQUOTED.matcher(prompt).region(from, prompt.length());
        while (m.find()) {
            if (!END_SUBJECT_EXCLUDED.matcher(m.group(1)).find()) {
                add(found, seen, new Constraint(Kind.END_PHRASE, null, 0, m.group(2).strip(), m.start(), m.end()));
                return;
            }
        }
    }

    private static void parseStart(String prompt, int from, List<Constraint> found, Set<Kind> seen) {
        Matcher m = START.matcher(prompt).region(from, prompt.length());
        while (m.find()) {
            String phrase = m.group(2) != null ? m.group(2).strip() : m.group(1) != null ? m.group(3) : null;
            if (phrase == null || phrase.isEmpty()
                    || START_EXCLUDED.matcher(Sentences.around(prompt, m.start(), m.end())).find()) {
                continue;
            }
            add(found, seen, new Constraint(Kind.START_PHRASE, null, 0, phrase, m.start(), m.end()));
            return;
        }
    }

    private static boolean hasLetterOrDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static void parseCounts(String prompt, int from, List<Constraint> found, Set<Kind> seen) {
        Matcher m = COUNTED.matcher(prompt).region(from, prompt.length());
        while (m.find()) {
            Relation relation;
            int count;
            String noun;
            if (m.group(1) != null) {
                relation = relation(m.group(1));
                count = number(m.group(2)) + (isMoreThan(m.group(1)) ? 1 : 0);
                noun = m.group(3).toLowerCase(Locale.ROOT);
            } else {
                relation = Relation.AT_LEAST;
                count = number(m.group(4));
                noun = m.group(5).toLowerCase(Locale.ROOT);
            }
            if (count < 0 || count > 100_000) {
                continue;
            }
            String sentence = Sentences.around(prompt, m.start(), m.end());
            if (noun.startsWith("paragraph")) {
                sentence = EACH_SEPARATED.matcher(sentence).replaceAll(" "); // "each separated by ***" is no per-part count
            }
            if (PER_PART.matcher(sentence).find()) {
                continue; // "at least 3 sentences in each paragraph": not a whole-response count
            }
            Kind kind;
            String text = null;
            if (noun.startsWith("bullet")) {
                kind = Kind.BULLETS;
            } else if (noun.startsWith("sentence")) {
                kind = Kind.SENTENCES;
            } else if (noun.startsWith("word")) {
                if (WORD_QUALIFIER.matcher(sentence).find()
                        || WORDS_FOLLOWED_BY.matcher(prompt).region(m.end(), Math.min(prompt.length(), m.end() + 20))
                        .lookingAt()) {
                    continue;
                }
                kind = Kind.WORDS;
            } else if (noun.startsWith("paragraph")) {
                if (relation != Relation.EXACTLY) {
                    continue;
                }
                if (prompt.contains("***") && !prompt.contains("******")) {
                    text = "***";
                } else if (BLANK_LINE_PARAGRAPHS.matcher(prompt).region(from, prompt.length()).find()) {
                    text = "blank line";
                } else {
                    continue; // how paragraphs are separated is unclear
                }
                kind = Kind.PARAGRAPHS;
            } else if (noun.startsWith("placeholder")) {
                if (relation != Relation.AT_LEAST || !SQUARE_BRACKETS.matcher(prompt).find()) {
                    continue;
                }
                kind = Kind.PLACEHOLDERS;
            } else {
                if (relation != Relation.AT_LEAST || !HIGHLIGHT.matcher(sentence).find()) {
                    continue;
                }
                kind = Kind.HIGHLIGHTS;
            }
            add(found, seen, new Constraint(kind, relation, count, text, m.start(), m.end()));
        }
    }

    /** "more than N" is read as at least N + 1 (see {@link #isMoreThan}). */
    static Relation relation(String words) {
        return switch (words.toLowerCase(Locale.ROOT)) {
            case "at least", "no less than", "no fewer than", "not less than", "a minimum of", "more than" ->
                    Relation.AT_LEAST;
            case "at most", "no more than", "not more than", "a maximum of" -> Relation.AT_MOST;
            case "less than", "fewer than" -> Relation.LESS_THAN;
            default -> Relation.EXACTLY;
        };
    }

    static boolean isMoreThan(String relationWords) {
        return relationWords.equalsIgnoreCase("more than");
    }

    /**
     * A letter or word to be used a number of times: groups {@code base} (the letter or word),
     * {@code base + 1} (the relation) and {@code base + 2} or {@code base + 3} (a number, or once/twice/thrice).
     */
    private static void parseFrequency(Matcher m, int base, Kind kind, List<Constraint> found, Set<Kind> seen) {
        String times = m.group(base + 2) != null ? m.group(base + 2) : m.group(base + 3);
        int count = switch (times.toLowerCase(Locale.ROOT)) {
            case "once" -> 1;
            case "twice" -> 2;
            case "thrice" -> 3;
            default -> number(times);
        };
        if (count >= 0) {
            count += isMoreThan(m.group(base + 1)) ? 1 : 0;
            add(found, seen, new Constraint(kind, relation(m.group(base + 1)), count,
                    m.group(base).toLowerCase(Locale.ROOT), m.start(), m.end()));
        }
    }

    private static void add(List<Constraint> found, Set<Kind> seen, Constraint constraint) {
        if (seen.add(constraint.kind())) {
            found.add(constraint);
        }
    }

    static int number(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "one" -> 1;
            case "two" -> 2;
            case "three" -> 3;
            case "four" -> 4;
            case "five" -> 5;
            case "six" -> 6;
            case "seven" -> 7;
            case "eight" -> 8;
            case "nine" -> 9;
            case "ten" -> 10;
            case "eleven" -> 11;
            case "twelve" -> 12;
            case "thirteen" -> 13;
            case "fourteen" -> 14;
            case "fifteen" -> 15;
            case "sixteen" -> 16;
            case "seventeen" -> 17;
            case "eighteen" -> 18;
            case "nineteen" -> 19;
            case "twenty" -> 20;
            default -> {
                try {
                    yield Integer.parseInt(word);
                } catch (NumberFormatException e) {
                    yield -1;
                }
            }
        };
    }
}
