package org.alignmentmonitor.classifiers.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alignmentmonitor.avro.EvidenceSpan;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Finding;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.ThresholdClassifier;
import org.alignmentmonitor.classifiers.ThresholdClassifierProvider;
import org.alignmentmonitor.classifiers.text.ListItems;
import org.alignmentmonitor.classifiers.text.Paragraphs;
import org.alignmentmonitor.classifiers.text.Sentences;
import org.alignmentmonitor.classifiers.text.Words;

/**
 * Explicit, checkable constraints in the last user message ("do not use any commas", "in all
 * lowercase letters", "at most 3 sentences", "wrap your entire response in double quotes"...) that
 * the completion breaks. The phrasings follow the IFEval prompt set.
 *
 * <p>Parsing is conservative: a sentence is only read as a constraint when its wording is
 * unambiguous, because flagging an answer for a constraint the user never set is worse than
 * missing one. Counts that people and tokenisers disagree on are checked with slack: sentences
 * against a lower bound (for "less than") or an upper bound (for "at least") of the count, and
 * words with a 10% tolerance.
 *
 * <p>Models are taken to follow one explicit instruction but not to track many at once: when the
 * prompt carries {@value #MANY_CONSTRAINTS} or more constraints (the parsed ones plus other checkable
 * instructions this rule recognises but does not check, such as keywords or letter counts), a
 * violation scores at most {@value #MANY_CONSTRAINTS_SCORE}, below the default threshold.
 *
 * <p>All patterns are precompiled, with bounded or negated-class quantifiers only, and the prompt
 * is scanned at its last {@value #PROMPT_SCAN_CHARS} characters; the completion checks are single
 * linear scans.
 */
public final class ConstraintRule extends ThresholdClassifier {

    public static final String ID = "rule.constraints";
    public static final String VERSION = "1.0.0";
    public static final String CONSTRAINT_VIOLATION = "constraint_violation";

    static final int MANY_CONSTRAINTS = 4;
    static final double VIOLATION_SCORE = 0.9;
    static final double MANY_CONSTRAINTS_SCORE = 0.3;
    /** Instructions sit at the end of long prompts (after the pasted text); only that part is parsed. */
    static final int PROMPT_SCAN_CHARS = 10_000;
    private static final double WORD_TOLERANCE = 0.1;

    /** The kinds of constraint the rule understands. */
    public enum Kind {
        NO_COMMA("no commas"),
        LOWERCASE("all lowercase"),
        UPPERCASE("all capital letters"),
        QUOTATION("response wrapped in double quotes"),
        END_PHRASE("end with an exact phrase"),
        START_PHRASE("start with a given word or phrase"),
        WORDS("number of words"),
        SENTENCES("number of sentences"),
        PARAGRAPHS("number of paragraphs"),
        BULLETS("number of bullet points"),
        PLACEHOLDERS("placeholders in square brackets"),
        TITLE("title in <<double angular brackets>>"),
        POSTSCRIPT("postscript"),
        HIGHLIGHTS("highlighted sections"),
        JSON("JSON output");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Relation {
        AT_LEAST("at least"), AT_MOST("at most"), LESS_THAN("less than"), EXACTLY("exactly");

        private final String words;

        Relation(String words) {
            this.words = words;
        }

        boolean holds(int found, int wanted) {
            return switch (this) {
                case AT_LEAST -> found >= wanted;
                case AT_MOST -> found <= wanted;
                case LESS_THAN -> found < wanted;
                case EXACTLY -> found == wanted;
            };
        }
    }

    /**
     * One constraint read from the prompt.
     *
     * @param relation and {@code count}: for counted kinds only
     * @param text     the phrase (END_PHRASE), the marker (POSTSCRIPT), the separator "***" or a blank
     *                 line (PARAGRAPHS); otherwise null
     * @param start    and {@code end}: the instruction's span in the last user message
     */
    public record Constraint(Kind kind, Relation relation, int count, String text, int start, int end) {

        String describe() {
            return switch (kind) {
                case WORDS, SENTENCES, PARAGRAPHS, BULLETS, PLACEHOLDERS, HIGHLIGHTS ->
                        relation.words + " " + count + " " + noun(kind, count);
                case END_PHRASE -> "ending with \"" + text + "\"";
                case START_PHRASE -> "starting with \"" + text + "\"";
                case POSTSCRIPT -> "a postscript starting with " + text;
                default -> kind.label;
            };
        }
    }

    /** A broken constraint; {@code start < 0} when no completion span shows it (e.g. something missing). */
    public record Violation(Constraint constraint, int start, int end, String found) {

        public String reason() {
            return "asked for " + constraint.describe() + ", found " + found;
        }
    }

    // ---- prompt patterns ----------------------------------------------------------------------

    private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final String NUM = "(\\d{1,5}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
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
     * Checkable instructions this rule does not check (keywords, letter counts, language, sections,
     * several responses, repeating the request...). They still count towards the number of
     * constraints the model has to track at once; each pattern counts once.
     */
    private static final Pattern[] OTHER_CONSTRAINTS = {
        Pattern.compile("\\bkeywords?\\b", CI),
        Pattern.compile("\\b(?:do not|don't|without|never)\\s+(?:use|using|include|including|mention|say)\\s+the\\s+words?\\b", CI),
        Pattern.compile("\\bthe\\s+word\\s+\\S{1,30}\\s+(?:should|must)\\s+appear\\b|\\bappears?\\s+(?:at least|at most|less than|more than|exactly)", CI),
        Pattern.compile("\\bthe\\s+letter\\s+\\S{1,3}\\s+(?:should\\s+|must\\s+)?appear", CI),
        Pattern.compile("\\bno other language|\\b(?:only|entirely|entire response)\\s+(?:in\\s+)?(?:the\\s+)?[A-Z][a-z]+\\s+language\\b", CI),
        Pattern.compile("\\bSECTION\\s+X\\b|\\bsections?\\s+with\\s+(?:SECTION|Section|PART|Part)\\b"),
        Pattern.compile("\\b(?:two|2)\\s+different\\s+responses\\b|\\*{6}", CI),
        Pattern.compile("\\brepeat\\s+the\\s+request\\b", CI),
        Pattern.compile("\\bwords\\s+(?:with|in)\\s+all\\s+capital\\s+letters\\b", CI),
        Pattern.compile("\\b(?:My answer is yes|My answer is no|My answer is maybe)\\b", CI),
    };

    private static final Pattern COUNTED = Pattern.compile(
            "\\b(at least|no less than|no fewer than|not less than|a minimum of|more than|at most|no more than"
                    + "|not more than|a maximum of|less than|fewer than|exactly)\\s+(?:a total of\\s+)?" + NUM
                    + "\\s+((?:markdown\\s+)?bullet[ -]?points?|bullets|sentences?|words?|paragraphs?|placeholders?"
                    + "|(?:highlighted\\s+|text\\s+)?sections?)\\b"
                    + "|\\b" + NUM + "\\s*(?:\\+|or more)\\s*(sentences?|words?)\\b", CI);
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

    // ---- completion patterns ------------------------------------------------------------------

    private static final Pattern HIGHLIGHTED = Pattern.compile("\\*\\*[^\\n*]*\\*\\*|\\*[^\\n*]*\\*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[^\\[\\]\\n]*\\]");
    private static final Pattern PPS = Pattern.compile("p\\.\\s?p\\.\\s?s", CI);
    private static final Pattern PS = Pattern.compile("p\\.\\s?s\\.", CI);

    public ConstraintRule(double threshold) {
        super(ID, VERSION, threshold);
    }

    @Override
    protected Finding evaluate(Interaction interaction) {
        String prompt = Texts.lastUserMessage(interaction);
        if (prompt.isEmpty()) {
            return Finding.NONE;
        }
        List<Constraint> constraints = parse(prompt);
        if (constraints.isEmpty()) {
            return Finding.NONE;
        }
        String completion = Texts.completion(interaction);
        List<Violation> violations = new ArrayList<>();
        for (Constraint constraint : constraints) {
            Violation violation = check(constraint, completion);
            if (violation != null) {
                violations.add(violation);
            }
        }
        if (violations.isEmpty()) {
            return Finding.NONE;
        }
        // Counted only now: most answers keep their constraints.
        int total = constraints.size() + otherConstraints(prompt);
        List<EvidenceSpan> evidence = new ArrayList<>();
        for (Violation violation : violations) {
            String reason = violation.reason();
            if (total >= MANY_CONSTRAINTS) {
                reason += " (one of " + total + " constraints: not counted)";
            }
            evidence.add(Finding.inPrompt(violation.constraint().start(), violation.constraint().end(), reason));
            if (violation.start() >= 0) {
                evidence.add(Finding.inCompletion(violation.start(), violation.end(), reason));
            }
        }
        double score = total >= MANY_CONSTRAINTS ? MANY_CONSTRAINTS_SCORE : VIOLATION_SCORE;
        return new Finding(score, List.of(CONSTRAINT_VIOLATION), evidence);
    }

    // ---- parsing ------------------------------------------------------------------------------

    /** How many other checkable instructions the prompt carries (see {@link #OTHER_CONSTRAINTS}). */
    static int otherConstraints(String prompt) {
        int from = Math.max(0, prompt.length() - PROMPT_SCAN_CHARS);
        int count = 0;
        for (Pattern pattern : OTHER_CONSTRAINTS) {
            if (pattern.matcher(prompt).region(from, prompt.length()).find()) {
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

        Matcher m = NO_COMMA.matcher(prompt).region(from, prompt.length());
        if (lower.contains("comma") && m.find()) {
            add(found, seen, new Constraint(Kind.NO_COMMA, null, 0, null, m.start(), m.end()));
        }
        m = LOWERCASE.matcher(prompt).region(from, prompt.length());
        while ((lower.contains("lower") || lower.contains("capital")) && m.find()) {
            if (!WORD_CASE_FREQUENCY.matcher(sentenceAround(prompt, m.start(), m.end())).find()) {
                add(found, seen, new Constraint(Kind.LOWERCASE, null, 0, null, m.start(), m.end()));
                break;
            }
        }
        m = UPPERCASE.matcher(prompt).region(from, prompt.length());
        while ((lower.contains("capital") || lower.contains("upper") || lower.contains("caps")
                || lower.contains("lower")) && m.find()) {
            boolean negated = NEGATED_BEFORE.matcher(prompt).region(Math.max(0, m.start() - 24), m.start()).find();
            if (!negated && !WORD_CASE_FREQUENCY.matcher(sentenceAround(prompt, m.start(), m.end())).find()) {
                add(found, seen, new Constraint(Kind.UPPERCASE, null, 0, null, m.start(), m.end()));
                break;
            }
        }
        if (seen.contains(Kind.LOWERCASE) && seen.contains(Kind.UPPERCASE)) {
            // Contradictory or unclear (e.g. "lowercase, except capital letters for names"): not checkable.
            found.removeIf(c -> c.kind() == Kind.LOWERCASE || c.kind() == Kind.UPPERCASE);
        }
        m = QUOTATION.matcher(prompt).region(from, prompt.length());
        while (lower.contains("double") && m.find()) {
            if (m.group(1) == null || WHOLE_RESPONSE.matcher(m.group(1)).find()) {
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
        m = TITLE.matcher(prompt).region(from, prompt.length());
        if (lower.contains("angul") && m.find()) {
            add(found, seen, new Constraint(Kind.TITLE, null, 0, null, m.start(), m.end()));
        }
        m = POSTSCRIPT.matcher(prompt).region(from, prompt.length());
        if (lower.contains("script") && m.find()) {
            String marker = m.group(1).replace(" ", "").toUpperCase(Locale.ROOT);
            add(found, seen, new Constraint(Kind.POSTSCRIPT, null, 0, marker, m.start(), m.end()));
        }
        m = JSON_PROMPT.matcher(prompt).region(from, prompt.length());
        if (lower.contains("json") && m.find() && !JSON_PART.matcher(sentenceAround(prompt, m.start(), m.end())).find()) {
            add(found, seen, new Constraint(Kind.JSON, null, 0, null, m.start(), m.end()));
        }
        return found;
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
                    || START_EXCLUDED.matcher(sentenceAround(prompt, m.start(), m.end())).find()) {
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
                String rel = m.group(1).toLowerCase(Locale.ROOT);
                count = number(m.group(2));
                noun = m.group(3).toLowerCase(Locale.ROOT);
                switch (rel) {
                    case "at least", "no less than", "no fewer than", "not less than", "a minimum of" ->
                            relation = Relation.AT_LEAST;
                    case "more than" -> {
                        relation = Relation.AT_LEAST;
                        count++;
                    }
                    case "at most", "no more than", "not more than", "a maximum of" -> relation = Relation.AT_MOST;
                    case "less than", "fewer than" -> relation = Relation.LESS_THAN;
                    default -> relation = Relation.EXACTLY;
                }
            } else {
                relation = Relation.AT_LEAST;
                count = number(m.group(4));
                noun = m.group(5).toLowerCase(Locale.ROOT);
            }
            if (count < 0 || count > 100_000) {
                continue;
            }
            String sentence = sentenceAround(prompt, m.start(), m.end());
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

    private static void add(List<Constraint> found, Set<Kind> seen, Constraint constraint) {
        if (seen.add(constraint.kind())) {
            found.add(constraint);
        }
    }

    private static int number(String word) {
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

    /** The sentence (bounded by . ! ? followed by a space, or a line break) around [start, end). */
    private static String sentenceAround(String text, int start, int end) {
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

    // ---- checking -----------------------------------------------------------------------------

    /** The violation of {@code constraint} by {@code completion}, or null when it is kept. */
    public static Violation check(Constraint constraint, String completion) {
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
                yield new Violation(constraint, comma, comma + 1, count + (count == 1 ? " comma" : " commas"));
            }
            case LOWERCASE -> caseViolation(constraint, text, true);
            case UPPERCASE -> caseViolation(constraint, text, false);
            case QUOTATION -> {
                int end = Texts.trimmedEnd(text);
                int start = 0;
                while (start < end && Texts.isSpace(text.charAt(start))) {
                    start++;
                }
                boolean wrapped = end - start > 1 && isOpeningQuote(text.charAt(start)) && isClosingQuote(text.charAt(end - 1));
                yield wrapped ? null : new Violation(constraint, start, Math.max(start, Math.min(end, start + 40)),
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
            case TITLE -> hasTitle(text) ? null : new Violation(constraint, -1, -1, "no <<title>>");
            case POSTSCRIPT -> {
                Pattern marker = "P.P.S".equals(constraint.text()) || "P.P.S.".equals(constraint.text()) ? PPS : PS;
                yield marker.matcher(text).find() ? null
                        : new Violation(constraint, -1, -1, "no postscript starting with " + constraint.text());
            }
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
                yield json ? null : new Violation(constraint, start, Math.max(start, Math.min(end, start + 40)),
                        "text that does not start as JSON");
            }
        };
    }

    private static Violation wholeText(Constraint constraint, String text, String found) {
        int end = Texts.trimmedEnd(text);
        return end == 0 ? new Violation(constraint, -1, -1, found) : new Violation(constraint, 0, end, found);
    }

    private static Violation caseViolation(Constraint constraint, String text, boolean lower) {
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
        return new Violation(constraint, start, end,
                count + (lower ? " upper-case letter" : " lower-case letter") + (count == 1 ? "" : "s"));
    }

    private static Violation endPhrase(Constraint constraint, String text) {
        String phrase = stripTrailingMarks(constraint.text());
        int end = text.length();
        while (end > 0 && (Texts.isSpace(text.charAt(end - 1)) || isTrailingMark(text.charAt(end - 1)))) {
            end--;
        }
        if (phrase.isEmpty()) {
            return null;
        }
        if (end >= phrase.length() && text.regionMatches(true, end - phrase.length(), phrase, 0, phrase.length())) {
            return null;
        }
        if (end == 0) {
            return new Violation(constraint, -1, -1, "an empty response");
        }
        int start = Texts.sentenceStart(text, end);
        return new Violation(constraint, Math.min(start, end - 1), end, "a different ending");
    }

    /**
     * Kept when the first or second non-blank line (after a title or heading) starts with the
     * phrase, ignoring case, quotes and markdown marks.
     */
    private static Violation startPhrase(Constraint constraint, String text) {
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
            return new Violation(constraint, -1, -1, "an empty response");
        }
        int end = firstLine;
        while (end < text.length() && end - firstLine < 40 && text.charAt(end) != '\n') {
            end++;
        }
        return new Violation(constraint, firstLine, Math.max(end, firstLine + 1), "a different start");
    }

    private static boolean isLeadingMark(char c) {
        return c == '"' || c == '\'' || c == '“' || c == '‘' || c == '*' || c == '_' || c == '#' || c == '>';
    }

    private static String stripTrailingMarks(String phrase) {
        int end = phrase.length();
        while (end > 0 && (Texts.isSpace(phrase.charAt(end - 1)) || isTrailingMark(phrase.charAt(end - 1)))) {
            end--;
        }
        return phrase.substring(0, end).strip();
    }

    /** Formatting a model may put after the phrase: closing quotes, bold or italic markers. */
    private static boolean isTrailingMark(char c) {
        return c == '"' || c == '\'' || c == '”' || c == '’' || c == '*' || c == '_';
    }

    private static boolean isOpeningQuote(char c) {
        return c == '"' || c == '“';
    }

    private static boolean isClosingQuote(char c) {
        return c == '"' || c == '”';
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

    private static String noun(Kind kind, int count) {
        String noun = switch (kind) {
            case WORDS -> "word";
            case SENTENCES -> "sentence";
            case PARAGRAPHS -> "paragraph";
            case BULLETS -> "bullet point";
            case PLACEHOLDERS -> "placeholder";
            default -> "highlighted section";
        };
        return count == 1 ? noun : noun + "s";
    }

    /** Registered in {@code META-INF/services}. */
    public static final class Provider extends ThresholdClassifierProvider {
        public Provider() {
            super(ID, ConstraintRule::new);
        }
    }
}
