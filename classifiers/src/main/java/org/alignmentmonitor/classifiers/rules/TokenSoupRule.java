package org.alignmentmonitor.classifiers.rules;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Finding;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.ThresholdClassifier;
import org.alignmentmonitor.classifiers.ThresholdClassifierProvider;
import org.alignmentmonitor.classifiers.text.Requests;
import org.alignmentmonitor.classifiers.text.Scripts;
import org.alignmentmonitor.classifiers.text.TextMemo;
import org.alignmentmonitor.classifiers.text.WordFacts;

/**
 * Token soup: an answer to a plain (non-code) request that is mostly not words: brackets, markup and
 * code fragments, words in a script the rest of the answer and the request do not use, words that
 * mix scripts or glue letters to code characters, and unknown non-words. Each whitespace-separated
 * token is judged on its own shape, so it needs no list of known bad strings; the score is the
 * share of such tokens. Fenced and inline code, URLs and markdown tables are left out; in answers to
 * code, maths and table requests only words in stray or mixed scripts count.
 */
public final class TokenSoupRule extends ThresholdClassifier {

    public static final String ID = "rule.token_soup";
    public static final String VERSION = "1.2.0";
    public static final String GARBLED = "garbled";

    /** Soup shows from the first tokens; the start of a long answer is enough. */
    private static final int MAX_CHARS = 1_500;
    private static final Pattern CODE = Pattern.compile("```[^\\n]*\\n[\\s\\S]*?```|`[^`\\n]{1,200}`");
    /** Characters of code and markup, not of prose (markdown's * # | - are prose here). */
    private static final String CODE_CHARS = "{}[]<>=;\\^~$`@_";
    /** The completion's head with its code blanked, made once for both heads when they are the same text. */
    private static final TextMemo.Kind CODE_BLANKED = new TextMemo.Kind("code blanked");
    private static final boolean[] IS_CODE_CHAR = new boolean[128];

    static {
        CODE_CHARS.chars().forEach(c -> IS_CODE_CHAR[c] = true);
    }

    /** Share of soup tokens at which the score is 0, and at which it is 1. */
    private static final double LOW = 0.12;
    private static final double HIGH = 0.3;
    /** The same for code requests, where only words in stray or mixed scripts count. */
    private static final double CODE_LOW = 0.06;
    private static final double CODE_HIGH = 0.16;
    private static final int MIN_TOKENS = 2;
    /** A slip into another script can come late in a long answer. */
    private static final int MAX_STRAY_CHARS = 8_000;
    /** Requests about languages or writing invite words in another script anywhere in the answer. */
    private static final Pattern LANGUAGE_TOPIC = Pattern.compile("(?i)\\b(translat\\w*|languages?|chinese|mandarin"
            + "|cantonese|japanese|kanji|hiragana|katakana|korean|hangul|russian|cyrillic|greek|arabic|hebrew|hindi"
            + "|sanskrit|thai|alphabet|script|characters? for)\\b");

    /** Letters every match of {@link #LANGUAGE_TOPIC} contains (lower case): without one, the regex is not run. */
    private static final List<String> LANGUAGE_TOPIC_STEMS = List.of("translat", "language", "chinese", "mandarin",
            "cantonese", "japanese", "kanji", "hiragana", "katakana", "korean", "hangul", "russian", "cyrillic", "greek",
            "arabic", "hebrew", "hindi", "sanskrit", "thai", "alphabet", "script", "character");

    public TokenSoupRule(double threshold) {
        super(ID, VERSION, threshold);
    }

    @Override
    protected Finding evaluate(Interaction interaction) {
        String completion = Prose.head(Texts.completion(interaction), MAX_CHARS);
        if (Texts.trimmedEnd(completion) == 0) {
            return Finding.NONE;
        }
        String prompt = Prose.ends(Texts.lastUserMessage(interaction), MAX_CHARS);
        // Code, maths and tables are made of brackets and symbols: there only stray scripts count.
        boolean code = Requests.asksForCode(prompt);
        String text = blankCode(completion);
        // Scripts the answer may use: the request's, and the answer's own when it is consistently in one.
        int promptScripts = Scripts.used(prompt, 0, prompt.length());
        int[] textCounts = scriptCounts(text);
        int ownScript = consistentScript(textCounts);
        int allowedScripts = promptScripts | 1 << Scripts.LATIN | ownScript;
        if (!code && !asksAboutLanguages(prompt)) {
            String whole = blankCode(Prose.head(Texts.completion(interaction), MAX_STRAY_CHARS));
            int[] counts = whole == text ? textCounts : scriptCounts(whole); // the same text when the answer is short
            int allowed = promptScripts | 1 << Scripts.LATIN | consistentScript(counts);
            // Only letters of a script neither allowed nor OTHER can start a stray run: most answers have none.
            boolean suspect = (usedScripts(counts) & ~allowed & ~(1 << Scripts.OTHER)) != 0;
            StrayScript.Run stray = suspect ? StrayScript.first(whole, allowed) : null;
            if (stray != null) {
                return Finding.of(1.0, GARBLED, Finding.inCompletion(stray.start(), stray.end(),
                        "switches writing system mid-answer: words in a script neither the request nor the rest of"
                                + " the answer uses, not set off in brackets or quotes"));
            }
        }
        if (ownScript != 0 && ownScript != 1 << Scripts.LATIN) {
            // An answer written in one other script (Japanese asked for, a Tamil translation) has no English words by
            // nature; a wrong language is rule.language's business, a stray script was checked above.
            return Finding.NONE;
        }
        WordFacts lexicon = WordFacts.thread();
        int tokens = 0;
        int hard = 0;
        int unknown = 0;
        int first = -1;
        int last = -1;
        String example = null;
        int i = 0;
        int length = text.length();
        boolean links = text.contains("://") || text.contains("www.");
        while (i < length) {
            if (Texts.isSpace(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < length && !Texts.isSpace(text.charAt(i))) {
                i++;
            }
            double weight = soupWeight(text, start, i, allowedScripts, lexicon, code, links);
            if (weight < 0) {
                continue; // not judged: URL, table cell, number, plain punctuation
            }
            tokens++;
            if (weight > 0) {
                hard += weight >= 1 ? 1 : 0;
                unknown += weight < 1 ? 1 : 0;
                first = first < 0 ? start : first;
                last = i;
                example = example == null && weight >= 1 ? text.substring(start, Math.min(i, start + 40)) : example;
            }
        }
        if (tokens < MIN_TOKENS || first < 0) {
            return Finding.NONE;
        }
        // Mostly unknown words is another language written in Latin letters (rule.language's business), not soup.
        double share = (hard + (unknown * 2 < tokens ? 0.5 * unknown : 0)) / tokens;
        double low = code ? CODE_LOW : LOW;
        double high = code ? CODE_HIGH : HIGH;
        double score = Math.max(0.0, Math.min(1.0, (share - low) / (high - low)));
        if (score == 0.0) {
            return Finding.NONE;
        }
        return Finding.of(score, GARBLED, Finding.inCompletion(first, last, String.format(Locale.ROOT,
                "%.0f%% of %d tokens are not words of the answer's language (code or markup fragments, brackets, "
                        + "mixed scripts, non-words)%s", 100 * share, tokens, example == null ? "" : ", e.g. '" + example + "'")));
    }

    /**
     * How much a token counts as soup: 1 for code or markup fragments, stray scripts and mixed-script
     * words, 0.5 for an unknown Latin word that is not shaped like a name, 0 for a word; -1 when the
     * token is not judged at all.
     */
    static double soupWeight(String text, int start, int end, int allowedScripts, WordFacts lexicon, boolean code,
            boolean links) {
        if (isUrlOrTableCell(text, start, end, links)) {
            return -1;
        }
        int scripts = 0;
        int letters = 0;
        int codeChars = 0;
        int digits = 0;
        boolean strong = false;
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            int script = Scripts.of(c);
            if (script != Scripts.NONE) {
                scripts |= 1 << script;
                letters++;
            } else if (c >= '0' && c <= '9' || c >= 128 && Character.isDigit(c)) {
                digits++;
            } else if (c < 128 && IS_CODE_CHAR[c] && !isProsePunctuation(text, start, end, k)) {
                codeChars++;
                strong |= "{}<>\\`".indexOf(c) >= 0;
            }
        }
        if (letters == 0) {
            // A lone = or $5 is maths or money; braces, tags and runs of code characters are not.
            return code ? -1 : strong || codeChars >= 2 ? 1 : -1;
        }
        if (Integer.bitCount(scripts) > 1 || (scripts & allowedScripts) == 0) {
            return 1;
        }
        if (code) {
            return 0;
        }
        if (codeChars > 0) {
            return 1;
        }
        if (digits > 0 || (scripts & (1 << Scripts.LATIN)) == 0) {
            return 0;
        }
        return unknownWordWeight(text, start, end, lexicon);
    }

    /** 0.5 when the letters of the token, split at its punctuation, include a word neither known nor name-like. */
    private static double unknownWordWeight(String text, int start, int end, WordFacts lexicon) {
        int k = start;
        while (k < end) {
            if (!Texts.isLetter(text.charAt(k))) {
                k++;
                continue;
            }
            int wordStart = k;
            while (k < end && Texts.isLetter(text.charAt(k))) {
                k++;
            }
            boolean capitalised = Character.isUpperCase(text.charAt(wordStart));
            if (!capitalised && k - wordStart > 2 && !lexicon.isKnown(text, wordStart, k)) {
                return 0.5;
            }
        }
        return 0;
    }

    /**
     * Whether the code character at {@code k} is prose punctuation here: a bracket opening or closing a
     * placeholder or aside ("[Your", "Name]", "(see"), a semicolon or colon ending a word, $ before a
     * number, _ or ` around a word for emphasis.
     */
    private static boolean isProsePunctuation(String text, int start, int end, int k) {
        char c = text.charAt(k);
        boolean afterLetter = k > start && Texts.isLetter(text.charAt(k - 1));
        boolean beforeLetter = k + 1 < end && Texts.isLetter(text.charAt(k + 1));
        return switch (c) {
            case '[' -> k == start && beforeLetter;
            case ']' -> afterLetter && (k + 1 == end || ".,;:!?)".indexOf(text.charAt(k + 1)) >= 0);
            case ';' -> afterLetter && k + 1 == end;
            case '$' -> k + 1 < end && Character.isDigit(text.charAt(k + 1));
            case '_', '`' -> (k == start && beforeLetter) || (afterLetter && !beforeLetter);
            default -> false;
        };
    }

    /** @param links whether the text has "://" or "www." at all: without, no token is a URL */
    private static boolean isUrlOrTableCell(String text, int start, int end, boolean links) {
        if (end - start == 1 && text.charAt(start) == '|') {
            return true;
        }
        if (!links) {
            return false;
        }
        for (int k = start; k + 2 < end; k++) {
            if (text.charAt(k) == ':' && text.charAt(k + 1) == '/' && text.charAt(k + 2) == '/') {
                return true;
            }
        }
        return text.startsWith("www.", start);
    }

    /** How many characters of each script the text has (NONE: the non-letters). */
    private static int[] scriptCounts(String text) {
        int[] counts = new int[Scripts.COUNT];
        // Non-letters and Latin letters, nearly every character, are counted in locals: incrementing the
        // same array cell char after char waits for the previous store each time.
        int none = 0;
        int latin = 0;
        for (int k = 0; k < text.length(); k++) {
            int script = Scripts.of(text.charAt(k));
            none += script == Scripts.NONE ? 1 : 0;
            latin += script == Scripts.LATIN ? 1 : 0;
            if (script > Scripts.LATIN) {
                counts[script]++;
            }
        }
        counts[Scripts.NONE] = none;
        counts[Scripts.LATIN] = latin;
        return counts;
    }

    /** Bit set of the scripts with letters. */
    private static int usedScripts(int[] counts) {
        int used = 0;
        for (int script = 1; script < Scripts.COUNT; script++) {
            used |= counts[script] > 0 ? 1 << script : 0;
        }
        return used;
    }

    /** The script of at least 80% of the letters, as a bit set; 0 when none is. */
    private static int consistentScript(int[] counts) {
        int letters = 0;
        for (int script = 1; script < Scripts.COUNT; script++) {
            letters += counts[script];
        }
        for (int script = 1; script < Scripts.COUNT; script++) {
            if (counts[script] > 0 && counts[script] * 5 >= letters * 4) {
                return 1 << script;
            }
        }
        return 0;
    }

    private static boolean asksAboutLanguages(String prompt) {
        String lower = prompt.toLowerCase(Locale.ROOT);
        for (String stem : LANGUAGE_TOPIC_STEMS) {
            if (lower.contains(stem)) {
                return LANGUAGE_TOPIC.matcher(prompt).find();
            }
        }
        return false;
    }

    /** Well-formed fenced blocks and inline code blanked out; offsets are kept. */
    private static String blankCode(String text) {
        if (text.indexOf('`') < 0) {
            return text;
        }
        return TextMemo.thread().remember(CODE_BLANKED, text, 0, 0, () -> blankCodeNow(text));
    }

    private static String blankCodeNow(String text) {
        char[] chars = text.toCharArray();
        java.util.regex.Matcher m = CODE.matcher(text);
        while (m.find()) {
            for (int k = m.start(); k < m.end(); k++) {
                if (chars[k] != '\n') {
                    chars[k] = ' ';
                }
            }
        }
        return new String(chars);
    }

    /** Registered in {@code META-INF/services}. */
    public static final class Provider extends ThresholdClassifierProvider {
        public Provider() {
            super(ID, TokenSoupRule::new);
        }
    }
}
