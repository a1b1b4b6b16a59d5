package org.alignmentmonitor.classifiers.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.rules.Constraint.Kind;
import org.alignmentmonitor.classifiers.rules.Constraint.Relation;
import org.alignmentmonitor.classifiers.text.Sentences;

/**
 * Instructions about what the answer contains rather than its length or layout: keywords to include or avoid,
 * sections marked "SECTION X", how often all-capital words may appear, repeating the request first, and a
 * fixed set of answers to choose from. Read and checked as IFEval checks them; the parts of
 * {@link ConstraintParser} and {@link ConstraintChecker} for these kinds.
 */
final class ContentConstraints {

    private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    /** "include the keywords X and Y", "the words "a" and "b" must appear"; group 1: the list. */
    private static final Pattern INCLUDE = Pattern.compile("\\b(?:include|includes|including|contain|contains|containing"
            + "|use|using|mention|mentioning)\\s+(?:the\\s+)?(?:key\\s?words?|words?)\\s*:?\\s*([^.;!?\\n]{1,160})", CI);
    /** "do not include the keywords ...", "should not include keywords ...", "without the words ...". */
    private static final Pattern FORBID = Pattern.compile("\\b(?:do\\s+not|don't|does\\s+not|doesn't|should\\s+not|shouldn't"
            + "|must\\s+not|mustn't|never|not|without|avoid|avoiding|refrain\\s+from)\\s+(?:\\w+\\s+){0,2}?"
            + "(?:the\\s+)?(?:key\\s?words?|words?)\\s*:?\\s*([^.;!?\\n]{1,160})", CI);
    /** One of these occurs wherever {@link #INCLUDE} or {@link #FORBID} can match: a cheap test before the regexes. */
    private static final List<String> KEYWORD_VERBS = List.of("includ", "contain", "use", "using", "mention", "not",
            "n't", "never", "without", "avoid", "refrain");
    /** A count after the keyword ("at least 8 times", "once or less") makes it a word-frequency instruction. */
    private static final Pattern FREQUENCY = Pattern.compile(
            "\\b(?:at least|at most|more than|less than|fewer than|exactly|once|twice|thrice|times?|or less|or more)\\b", CI);
    private static final Pattern NEGATION_BEFORE = Pattern.compile(
            "(?:\\bnot|n't|\\bnever|\\bwithout|\\bavoid|\\brefrain)\\b(?!\\s+forget)[^.]{0,20}$", CI); // "don't forget to include"
    private static final Pattern QUOTED = Pattern.compile("[\"'“‘`]([^\"'“”‘’`\\n]{1,40})[\"'”’`]");
    private static final Pattern BARE_LIST = Pattern.compile(
            "^\\s*\\[?\\s*([\\p{L}\\d][\\p{L}\\d-]{0,30})(?:\\s*(?:,|and|or|,\\s*and)\\s*([\\p{L}\\d][\\p{L}\\d-]{0,30}))?"
                    + "(?:\\s*(?:,|and|or|,\\s*and)\\s*([\\p{L}\\d][\\p{L}\\d-]{0,30}))?", CI);
    private static final Pattern NOT_KEYWORDS = Pattern.compile(
            "^(?:in|of|from|that|which|such|like|with|per|you|your|the|a|an|to|for|as|about|more|less|than|at|is|are)$", CI);

    /** "Label each paragraph with SECTION X", "4 sections marked with Section X"; group 1 the splitter word. */
    private static final Pattern SECTION_MARK = Pattern.compile("\\b(SECTION|Section|PART|Part|Chapter|CHAPTER|Day|DAY)\\s+X\\b");
    private static final Pattern SECTION_COUNT = Pattern.compile("\\b(?:at least\\s+|exactly\\s+)?" + ConstraintParser.NUM
            + "[\\s-]+(?:\\w+\\s+)?(?:sections?|paragraphs?|parts?|chapters?|days?)\\b", CI);

    /** "words with all capital letters appear less than 13 times", "no more than 8 words in all caps". */
    private static final Pattern CAPITAL_WORDS = Pattern.compile("\\b(?:words?\\s+(?:with|in|written\\s+in)\\s+all\\s+"
            + "(?:capital\\s+letters|caps|capitals|uppercase)|all[\\s-]caps\\s+words|words\\s+in\\s+all\\s+caps"
            + "|capitali[sz]ed\\s+words)", CI);
    private static final Pattern CAPITAL_RELATION = Pattern.compile(ConstraintParser.RELATION
            + "\\s+(?:\\w+\\s+){0,1}?" + ConstraintParser.NUM + "\\b", CI);

    private static final Pattern REPEAT = Pattern.compile(
            "\\bFirst,?\\s+repeat\\s+the\\s+(?:request|question|prompt)\\s+(?:above\\s+)?word\\s+for\\s+word\\b", CI);
    private static final Pattern OPTIONS = Pattern.compile("My answer is (?:yes|no|maybe)\\.?", CI);
    static final List<String> ANSWER_OPTIONS = List.of("My answer is yes.", "My answer is no.", "My answer is maybe.");

    private ContentConstraints() {}

    /** The constraints of these kinds in {@code prompt} from {@code from}; {@code lower} is that part lower-cased. */
    static List<Constraint> parse(String prompt, int from, String lower) {
        List<Constraint> found = new ArrayList<>();
        if (lower.contains("word") && KEYWORD_VERBS.stream().anyMatch(lower::contains)) {
            keywords(prompt, from, found);
        }
        // Matchers are made behind their gates (see ConstraintParser.parse).
        Matcher m;
        if (lower.contains(" x") && (m = ConstraintParser.in(SECTION_MARK, prompt, from)).find()) {
            sections(prompt, from, m, found);
        }
        if ((lower.contains("capital") || lower.contains("caps"))
                && (m = ConstraintParser.in(CAPITAL_WORDS, prompt, from)).find()) {
            capitalWords(prompt, m, found);
        }
        if (lower.contains("repeat") && (m = ConstraintParser.in(REPEAT, prompt, from)).find()) {
            String request = prompt.substring(0, m.start()).strip();
            if (!request.isEmpty()) {
                found.add(new Constraint(Kind.REPEAT_PROMPT, null, 0, request, m.start(), m.end()));
            }
        }
        if (lower.contains("my answer is") && (m = ConstraintParser.in(OPTIONS, prompt, from)).find()) {
            int end = m.end();
            int options = 1;
            while (m.find()) {
                options++;
                end = m.end();
            }
            if (options >= 2) {
                found.add(new Constraint(Kind.ANSWER_OPTIONS, null, 0, null, prompt.lastIndexOf("My answer", end), end));
            }
        }
        return found;
    }

    private static void keywords(String prompt, int from, List<Constraint> found) {
        Matcher forbid = FORBID.matcher(prompt).region(from, prompt.length());
        while (forbid.find()) {
            List<String> words = words(forbid.group(1));
            if (!words.isEmpty()) {
                found.add(new Constraint(Kind.KEYWORDS_FORBIDDEN, null, 0, String.join("|", words), forbid.start(), forbid.end()));
                break;
            }
        }
        Matcher include = INCLUDE.matcher(prompt).region(from, prompt.length());
        while (include.find()) {
            String before = prompt.substring(Math.max(0, include.start() - 30), include.start());
            if (NEGATION_BEFORE.matcher(before).find() || FREQUENCY.matcher(include.group(1)).find()) {
                continue;
            }
            List<String> words = words(include.group(1));
            if (!words.isEmpty()) {
                found.add(new Constraint(Kind.KEYWORDS_INCLUDED, null, 0, String.join("|", words), include.start(), include.end()));
                return;
            }
        }
    }

    /** The keywords of a list: quoted items if there are any, else up to three bare words joined by "," "and" "or". */
    private static List<String> words(String list) {
        List<String> words = new ArrayList<>();
        String head = list.length() > 120 ? list.substring(0, 120) : list;
        Matcher quoted = QUOTED.matcher(head);
        int lastEnd = 0;
        while (quoted.find() && head.substring(lastEnd, quoted.start()).length() < 12) {
            words.add(quoted.group(1).strip());
            lastEnd = quoted.end();
        }
        if (!words.isEmpty()) {
            return words;
        }
        Matcher bare = BARE_LIST.matcher(head);
        if (bare.lookingAt()) {
            for (int g = 1; g <= 3; g++) {
                String word = bare.group(g);
                if (word != null) {
                    if (NOT_KEYWORDS.matcher(word).matches()) {
                        return List.of();
                    }
                    words.add(word);
                }
            }
        }
        // a single bare word is as likely the start of a phrase ("use words that rhyme") as a keyword
        return words.size() >= 2 ? words : List.of();
    }

    private static void sections(String prompt, int from, Matcher mark, List<Constraint> found) {
        Matcher count = SECTION_COUNT.matcher(prompt).region(from, prompt.length());
        int wanted = -1;
        while (count.find()) {
            int n = ConstraintParser.number(count.group(1));
            if (n > 0) {
                wanted = n;
                break;
            }
        }
        if (wanted > 0) {
            found.add(new Constraint(Kind.SECTIONS, Relation.AT_LEAST, wanted, mark.group(1), mark.start(), mark.end()));
        }
    }

    private static void capitalWords(String prompt, Matcher cue, List<Constraint> found) {
        String sentence = Sentences.around(prompt, cue.start(), cue.end());
        Matcher m = CAPITAL_RELATION.matcher(sentence);
        if (m.find()) {
            int n = ConstraintParser.number(m.group(2));
            if (n >= 0) {
                found.add(new Constraint(Kind.CAPITAL_WORDS, ConstraintParser.relation(m.group(1)),
                        n + (ConstraintParser.isMoreThan(m.group(1)) ? 1 : 0), null, cue.start(), cue.end()));
            }
        }
    }

    /** The violation of a constraint of these kinds by {@code text}, or null when it is kept. */
    static ConstraintViolation check(Constraint constraint, String text) {
        return switch (constraint.kind()) {
            case KEYWORDS_INCLUDED -> {
                List<String> missing = new ArrayList<>();
                for (String word : constraint.keywords()) {
                    // IFEval looks the keyword up anywhere, not as a whole word
                    if (!Pattern.compile(Pattern.quote(word), CI).matcher(text).find()) {
                        missing.add("\"" + word + "\"");
                    }
                }
                yield missing.isEmpty() ? null
                        : new ConstraintViolation(constraint, -1, -1, "no " + String.join(", no ", missing));
            }
            case KEYWORDS_FORBIDDEN -> {
                for (String word : constraint.keywords()) {
                    Matcher m = Pattern.compile("\\b" + Pattern.quote(word) + "\\b", CI).matcher(text);
                    if (m.find()) {
                        yield new ConstraintViolation(constraint, m.start(), m.end(), "\"" + m.group() + "\"");
                    }
                }
                yield null;
            }
            case SECTIONS -> {
                int sections = Pattern.compile("\\s?" + Pattern.quote(constraint.text()) + "\\s?\\d+\\s?").split(text, -1).length - 1;
                yield sections >= constraint.count() ? null : new ConstraintViolation(constraint, -1, -1,
                        sections + " marked with " + constraint.text() + " and a number");
            }
            case CAPITAL_WORDS -> capitalWords(constraint, text);
            case REPEAT_PROMPT -> {
                String answer = text.strip().toLowerCase(Locale.ROOT);
                String request = constraint.text().strip().toLowerCase(Locale.ROOT);
                if (answer.startsWith(request)) {
                    yield null;
                }
                int same = 0;
                while (same < Math.min(answer.length(), request.length()) && answer.charAt(same) == request.charAt(same)) {
                    same++;
                }
                int start = text.indexOf(text.strip()) + same;
                yield new ConstraintViolation(constraint, start, Math.min(Texts.trimmedEnd(text), start + 40),
                        same == 0 ? "an answer that does not start with the request" : "the request repeated up to here only");
            }
            case ANSWER_OPTIONS -> {
                for (String option : ANSWER_OPTIONS) {
                    if (text.contains(option)) {
                        yield null;
                    }
                }
                int end = Texts.trimmedEnd(text);
                yield end == 0 ? new ConstraintViolation(constraint, -1, -1, "no option")
                        : new ConstraintViolation(constraint, 0, Math.min(end, 60), "none of the options");
            }
            default -> throw new IllegalArgumentException("not a content constraint: " + constraint.kind());
        };
    }

    /**
     * Words written in capitals, counted as IFEval counts them (tokens whose letters are all upper case) with a
     * slack of one either way: tokenisers disagree on "U.S." or "I'm".
     */
    private static ConstraintViolation capitalWords(Constraint constraint, String text) {
        int count = 0;
        int first = -1;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int start = i;
            boolean upper = false;
            boolean lower = false;
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.' && i + 1 < text.length()
                    && Character.isLetter(text.charAt(i + 1)))) {
                char c = text.charAt(i);
                upper |= Character.isUpperCase(c);
                lower |= Character.isLowerCase(c);
                i++;
            }
            if (upper && !lower) {
                count++;
                first = first < 0 ? start : first;
            }
        }
        int wanted = constraint.count();
        boolean clear = switch (constraint.relation()) {
            case AT_LEAST -> count + 1 < wanted;
            case AT_MOST -> count > wanted + 1;
            case LESS_THAN -> count > wanted;
            case EXACTLY -> Math.abs(count - wanted) > 1;
        };
        if (!clear) {
            return null;
        }
        String found = count + (count == 1 ? " word" : " words") + " in capitals";
        return first < 0 ? new ConstraintViolation(constraint, -1, -1, found)
                : new ConstraintViolation(constraint, first, Math.min(Texts.trimmedEnd(text), first + 40), found);
    }
}
