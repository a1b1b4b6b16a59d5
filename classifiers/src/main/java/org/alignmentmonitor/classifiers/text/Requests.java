package org.alignmentmonitor.classifiers.text;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What kind of answer a request calls for, from cheap keyword cues on its first and last
 * {@value #SCAN_CHARS} characters (where instructions are). Linear patterns: plain alternations.
 */
public final class Requests {

    private static final int SCAN_CHARS = 3_000;

    /** Code, maths, markup and data formats. */
    private static final Cue CODE = new Cue(KeywordSet.of(List.of("code", "coding", "program*", "script", "scripts",
            "function", "functions", "python", "java*", "sql", "html", "css", "regex*", "json", "xml", "yaml", "latex",
            "markdown", "bash", "shell", "command", "api", "class", "implement*", "algorithm*", "query", "queries",
            "compile*", "debug*", "syntax", "snippet", "rust", "golang", "typescript", "php", "ruby", "swift", "kotlin",
            "lua", "excel", "formula", "equation", "equations", "ascii", "emoji*", "symbol", "symbols", "table", "csv",
            "matrix", "math*", "encod*", "decod*", "hex*", "binary", "cipher*", "encrypt*", "hash*", "vector", "vectors",
            "prove", "proof", "theorem", "integer", "integers", "algebra*", "geometr*", "derivative", "integral",
            "calculus", "probabilit*", "calculat*", "compute", "solve")),
            Pattern.compile("(?i)\\b(?:c\\+\\+|c#|base ?64|f\\(x\\)|[a-z]\\^\\d|\\d\\s*[-+*/^=]\\s*\\d)\\b"),
            Requests::mayHaveCodeSymbols);

    /** Forms that take paragraphs, whatever else the request says. */
    private static final Cue LONG_FORM = new Cue(Pattern.compile("(?i)\\b(?:essay|article|blog(?: post)?|story|stories"
            + "|letter|speech|report|cover letter|explain|explanation|describe|description|elaborate|discuss|compare"
            + "|summar\\w+|outline|guide|tutorial|steps|step-by-step|instructions|paragraphs?|detailed|in detail"
            + "|proposal|plan|itinerary|recipe|poem|song|lyrics|raps?|social media post|script|review)\\b"));

    /** Requests for a short answer: a fact, a choice, a name, a yes or no. */
    private static final Cue SHORT_ANSWER = new Cue(Pattern.compile("(?i)(?:^\\s*(?:what(?! if\\b| are\\b)|who|whom|which|when"
            + "|where|how (?:many|much|old|long|far|tall)|is|are|was|were)\\b"
            + "|\\b(?:one word|single word|in a word|a word|titles?|name (?:a|an|the|one|some|your)|slogan|tagline"
            + "|headline|label|category|categori[sz]e|classify|choose|pick|select|yes or no|true or false|answer with"
            + "|short answer|options?|how many|how much|calculate|compute|solve|convert|extract|identify|sentiment"
            + "|rate|score|translate|correct|fix|rewrite|rephrase|paraphrase|capitali[sz]\\w*|lower ?case|upper ?case"
            + "|format|(?:one|a single|a) sentence|one-liner|spell|output|result|emoji|hashtags?|acronym|abbreviation"
            + "|number|a list of (?:words|names)|which of|fill in|a name|new word|pronunciation|pronounce)\\b)"));

    private static final Cue CHOICES = new Cue(Pattern.compile("(?im)^\\s*\\(?[a-e][.)]\\s|\\b(?:options?|choices?|choose"
            + "|select|pick|which of|classif\\w*|categor\\w*)\\b"));

    /** Creative requests, whose answers may share no words with the request. */
    private static final Cue CREATIVE = new Cue(KeywordSet.of(List.of("poem", "poetry", "story", "stories", "song",
            "lyrics", "rap", "verse", "haiku", "limerick", "sonnet", "joke", "riddle", "monologue", "dialogue", "script",
            "screenplay", "fiction*", "novel", "plot", "tale", "fable", "imagine", "pretend", "character", "creative",
            "invent*", "name", "names", "slogan", "slogans", "title", "titles", "tagline", "taglines", "idea", "ideas",
            "brainstorm", "list", "example", "examples", "suggest*", "recommend*", "hashtag", "hashtags", "keyword",
            "keywords", "quote", "quotes", "generate")),
            Pattern.compile("(?i)\\b(?:role-?play|act as|write me|make up|come up with)\\b"),
            Requests::mayHaveCreativePhrase);

    /** The first words of the creative cue's phrases: every match of its regex starts with one of them, whole. */
    private static final KeywordSet CREATIVE_PHRASE_STARTS = KeywordSet.of(List.of("role*", "act", "write", "make", "come"));

    /** A cheap test that is true of every text in which a cue's regex has a match. */
    @FunctionalInterface
    private interface Precondition {
        boolean holds(String text, int from, int to);
    }

    /**
     * What a request says to ask for something: whole words (one look-up each) or, for phrases and
     * symbols, a small regex; either one found is a yes. The regex only runs when {@code mayMatch}
     * holds: a regex scan tries its alternatives at every word boundary, a character scan is far cheaper.
     */
    private record Cue(KeywordSet words, Pattern rest, Precondition mayMatch) {

        Cue(Pattern pattern) {
            this(KeywordSet.of(List.of()), pattern, (text, from, to) -> true);
        }

        boolean foundIn(String text, int from, int to) {
            return words.findIn(text, from, to)
                    || mayMatch.holds(text, from, to) && rest.matcher(text).region(from, to).find();
        }
    }

    /**
     * Whether {@code text[from, to)} has what some alternative of the code cue's regex needs: + # ( ^,
     * "64", or a digit, an operator among - * / = and a digit with only whitespace between. Digits,
     * dashes and slashes alone (dates, ranges, "24/7") are common in requests and need no regex.
     */
    static boolean mayHaveCodeSymbols(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '+' || c == '#' || c == '(' || c == '^' || c == '6' && i + 1 < to && text.charAt(i + 1) == '4') {
                return true;
            }
            if (c >= '0' && c <= '9') {
                int j = skipRegexSpace(text, i + 1, to);
                if (j < to && "-*/=".indexOf(text.charAt(j)) >= 0) {
                    int k = skipRegexSpace(text, j + 1, to);
                    if (k < to && text.charAt(k) >= '0' && text.charAt(k) <= '9') {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether {@code text[from, to)} has a word the creative cue's phrase regex must start with. */
    static boolean mayHaveCreativePhrase(String text, int from, int to) {
        return CREATIVE_PHRASE_STARTS.findIn(text, from, to);
    }

    /** Past the characters of the regex class \s (ASCII whitespace) from {@code i}. */
    private static int skipRegexSpace(String text, int i, int to) {
        while (i < to && " \t\n\u000B\f\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private Requests() {}

    public static boolean asksForCode(String request) {
        return memo(request, 0, CODE);
    }

    public static boolean asksForLongForm(String request) {
        return memo(request, 1, LONG_FORM);
    }

    public static boolean asksForShortAnswer(String request) {
        return memo(request, 2, SHORT_ANSWER);
    }

    /** Multiple choice: options on lines of their own ("A. ...", "b) ...") or named as such. */
    public static boolean offersChoices(String request) {
        return memo(request, 3, CHOICES);
    }

    public static boolean asksForCreativeText(String request) {
        return memo(request, 4, CREATIVE);
    }

    /**
     * Several rules ask about the same request: the answers for the thread's last request (by identity)
     * are remembered, two bits per question (asked, answer).
     */
    private static boolean memo(String request, int question, Cue cue) {
        Memo memo = MEMO.get();
        if (memo.request != request) {
            memo.request = request;
            memo.bits = 0;
        }
        int asked = 1 << (2 * question);
        int yes = asked << 1;
        if ((memo.bits & asked) == 0) {
            memo.bits |= asked | (find(cue, request) ? yes : 0);
        }
        return (memo.bits & yes) != 0;
    }

    private static final class Memo {
        String request;
        int bits;
    }

    private static final ThreadLocal<Memo> MEMO = ThreadLocal.withInitial(Memo::new);

    private static boolean find(Cue cue, String request) {
        if (request.length() <= 2 * SCAN_CHARS) {
            return cue.foundIn(request, 0, request.length());
        }
        return cue.foundIn(request, 0, SCAN_CHARS) || cue.foundIn(request, request.length() - SCAN_CHARS, request.length());
    }
}
