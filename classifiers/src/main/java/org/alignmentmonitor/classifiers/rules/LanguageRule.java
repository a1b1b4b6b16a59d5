package org.alignmentmonitor.classifiers.rules;

import com.github.pemistahl.lingua.api.Language;
import java.util.Locale;
import java.util.Set;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Classifier;
import org.alignmentmonitor.classifiers.ClassifierSettings;
import org.alignmentmonitor.classifiers.Finding;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.ThresholdClassifier;
import org.alignmentmonitor.classifiers.ThresholdClassifierProvider;

/**
 * The completion is not in the language the user asked for ("answer in French", "auf Deutsch"),
 * or, when none was asked, not in the language of the user's message. Language identification is
 * lingua's (see {@link LanguageIdentifier}); only prose counts (code, URLs and hashes are blanked
 * out, see {@link Prose}).
 *
 * <p>Conservative: a completion is judged only with at least {@value #MIN_LETTERS} letters of
 * prose; both its beginning and its end must be in the same wrong language (so a bilingual or
 * mixed answer, or one that quotes the source text of a translation, is not flagged); a prompt
 * that names a language without asking for it ("what does 'hola' mean in Spanish?") or asks for
 * several is not judged; and a prompt's own language only counts when its beginning and end agree.
 * English on both sides is recognised by its function words without calling the detector, which
 * keeps the common case cheap.
 */
public final class LanguageRule extends ThresholdClassifier {

    public static final String ID = "rule.language";
    public static final String VERSION = "1.1.0";
    public static final String WRONG_LANGUAGE = "wrong_language";

    static final int MIN_LETTERS = 60;
    /** Characters of the completion (its beginning) and of the prompt (both ends) that are analysed. */
    private static final int MAX_CHARS = 8_000;
    private static final int MIN_PROMPT_LETTERS = 60;
    /** Characters of prose given to the detector per sample; trigram statistics settle well before. */
    private static final int SAMPLE_CHARS = 300;
    /** Relative confidence of the expected language at or above which the text may well be in it. */
    private static final double PLAUSIBLE = 0.9;
    /** ...and at or below which it is clearly not. */
    private static final double IMPLAUSIBLE = 0.75;

    private static final double ENGLISH_SHARE = 0.25;
    /**
     * Share of function words of the other common Latin-script languages that a text needs before
     * the detector is asked about it (German, French, Spanish prose have 30-45%).
     */
    private static final double FOREIGN_SHARE = 0.15;

    /** Function words of French, German, Spanish, Portuguese, Italian, Dutch, Nordic, Polish, Turkish, Vietnamese, Indonesian. */
    private static final WordSet FOREIGN_FUNCTION_WORDS = new WordSet(Set.of("le", "la", "les", "des", "est", "et", "une", "du",
            "que", "pour", "dans", "qui", "pas", "sur", "avec", "ce", "il", "elle", "nous", "vous", "sont", "der", "das",
            "und", "ist", "nicht", "ein", "eine", "ich", "zu", "mit", "von", "sie", "auf", "für", "auch", "wird", "sind",
            "die", "den", "dem", "im", "man", "dass", "wie", "oder", "aber", "nur", "noch", "nach", "bei", "aus", "wenn",
            "el", "los", "las", "y", "es", "por", "con", "para", "del", "lo", "su", "al", "como", "más", "pero", "os",
            "da", "não", "em", "um", "uma", "com", "são", "di", "che", "è", "per", "non", "sono", "gli", "della", "het",
            "een", "en", "van", "niet", "zijn", "ook", "voor", "att", "är", "och", "og", "er", "ikke", "det", "på", "jest",
            "nie", "się", "ve", "bir", "bu", "için", "và", "của", "là", "yang", "dan", "ini", "itu", "de"));
    private static final double SOME_ENGLISH_SHARE = 0.12;

    private static final WordSet ENGLISH_FUNCTION_WORDS = new WordSet(Set.of("the", "of", "and", "to", "a", "in", "is",
            "you", "that", "it", "for", "on", "with", "as", "are", "be", "this", "was", "i", "your", "can", "an",
            "or", "by", "not", "have", "from", "at", "will", "what", "how", "which", "they", "we", "there", "if",
            "do", "my", "me", "about", "some", "more", "their", "has", "would", "should", "also", "these", "its"));

    private static final Set<Language> LATIN_SCRIPT = java.util.EnumSet.of(Language.ENGLISH, Language.FRENCH,
            Language.GERMAN, Language.SPANISH, Language.PORTUGUESE, Language.ITALIAN, Language.DUTCH, Language.POLISH,
            Language.CZECH, Language.SWEDISH, Language.DANISH, Language.BOKMAL, Language.FINNISH, Language.TURKISH,
            Language.VIETNAMESE, Language.INDONESIAN, Language.ROMANIAN, Language.HUNGARIAN);

    public LanguageRule(double threshold) {
        super(ID, VERSION, threshold);
    }

    @Override
    protected Finding evaluate(Interaction interaction) {
        String raw = Prose.head(Texts.completion(interaction), MAX_CHARS);
        String prompt = Prose.ends(Texts.lastUserMessage(interaction), MAX_CHARS);
        if (prompt.isBlank() || !Prose.hasLetters(raw, MIN_LETTERS)) {
            return Finding.NONE;
        }
        // The common case, English on both sides and no language named, costs two word scans.
        boolean namesALanguage = RequestedLanguage.namesALanguage(prompt);
        // Questions are short: three words, one in five a function word ("Who is Larry Page?").
        boolean englishPrompt = functionShare(prompt, ENGLISH_FUNCTION_WORDS, 3) >= 0.2;
        double completionEnglish = englishShare(raw);
        if (!namesALanguage && completionEnglish >= ENGLISH_SHARE && (englishPrompt || onlyAsciiLetters(prompt))) {
            return Finding.NONE;
        }
        if (!namesALanguage && englishPrompt && completionEnglish >= SOME_ENGLISH_SHARE) {
            return Finding.NONE; // English enough to be English, or mixed: not judged
        }
        if (!namesALanguage && englishPrompt && Prose.latinShare(raw) > 0.5 && functionShare(raw, FOREIGN_FUNCTION_WORDS) < FOREIGN_SHARE) {
            return Finding.NONE; // lists, tables, names: Latin script but no sign of another language
        }
        String completion = Prose.of(raw);
        if (Prose.letters(completion) < MIN_LETTERS) {
            return Finding.NONE;
        }
        RequestedLanguage.Request request = namesALanguage ? RequestedLanguage.find(prompt) : null;
        Language expected;
        String why;
        if (request != null) {
            if (request.language() == Language.UNKNOWN) {
                return Finding.NONE;
            }
            expected = request.language();
            why = "asked for " + name(expected);
            if (expected == Language.ENGLISH && looksEnglish(completion)) {
                return Finding.NONE;
            }
        } else {
            if (namesALanguage || asksForTranslationOrCode(prompt)) {
                return Finding.NONE;
            }
            if (englishPrompt && looksEnglish(completion)) {
                return Finding.NONE;
            }
            expected = englishPrompt ? Language.ENGLISH : promptLanguage(Prose.of(prompt));
            if (expected == null) {
                return Finding.NONE;
            }
            why = "the user wrote in " + name(expected);
        }
        if (!LATIN_SCRIPT.contains(expected) && Prose.letters(completion) * (1.0 - Prose.latinShare(completion)) >= 10) {
            return Finding.NONE; // some of it is in the requested script: mixed, e.g. a haiku with its gloss
        }
        int[] head = sample(completion, true);
        int[] tail = sample(completion, false);
        LanguageIdentifier.Detection first = LanguageIdentifier.detect(completion.substring(head[0], head[1]), expected);
        if (first.top() == expected || first.top() == Language.UNKNOWN || first.expectedConfidence() >= PLAUSIBLE) {
            return Finding.NONE;
        }
        double confidence = first.expectedConfidence();
        if (tail != null) {
            LanguageIdentifier.Detection last = LanguageIdentifier.detect(completion.substring(tail[0], tail[1]), expected);
            if (last.top() != first.top() || last.expectedConfidence() >= PLAUSIBLE) {
                return Finding.NONE;
            }
            confidence = Math.max(confidence, last.expectedConfidence());
        }
        // Trigram models of related languages overlap (English read as Spanish scores ~0.8); English
        // function words at both ends confirm an English answer to a request for another language.
        boolean englishAnswer = expected != Language.ENGLISH && first.top() == Language.ENGLISH
                && looksEnglish(completion.substring(head[0], head[1]))
                && (tail == null || looksEnglish(completion.substring(tail[0], tail[1])));
        double score = englishAnswer ? 1.0 : Math.min(1.0, (PLAUSIBLE - confidence) / (PLAUSIBLE - IMPLAUSIBLE));
        int end = tail != null ? tail[1] : head[1];
        return Finding.of(score, WRONG_LANGUAGE, Finding.inCompletion(head[0], end,
                "the completion is in " + name(first.top()) + "; " + why));
    }

    /** The prompt's language when its beginning and end agree with confidence, else null. */
    private static Language promptLanguage(String prose) {
        if (Prose.letters(prose) < MIN_PROMPT_LETTERS
                || Prose.latinShare(prose) > 0.5 && functionShare(prose, FOREIGN_FUNCTION_WORDS) < FOREIGN_SHARE) {
            return null;
        }
        int[] head = sample(prose, true);
        int[] tail = sample(prose, false);
        Language first = confident(prose.substring(head[0], head[1]));
        if (first == null || tail == null) {
            return first;
        }
        return first == confident(prose.substring(tail[0], tail[1])) ? first : null;
    }

    private static Language confident(String text) {
        var values = LanguageIdentifier.confidences(text);
        if (values.isEmpty()) {
            return null;
        }
        var it = values.entrySet().iterator();
        Language top = it.next().getKey();
        double second = it.hasNext() ? it.next().getValue() : 0.0;
        return second <= IMPLAUSIBLE ? top : null;
    }

    /**
     * Span of about {@value #SAMPLE_CHARS} characters of prose at the beginning or the end of
     * {@code prose}, cut at spaces; a short text is one sample (the one at the start, null at the end).
     */
    private static int[] sample(String prose, boolean atStart) {
        int from = Prose.skipSpace(prose, 0, prose.length());
        int to = Texts.trimmedEnd(prose);
        if (to - from <= 2 * SAMPLE_CHARS) {
            return atStart ? new int[] {from, to} : null;
        }
        if (atStart) {
            int end = from + SAMPLE_CHARS;
            int limit = Math.min(to, end + 40); // scripts without spaces have no word to finish
            while (end < limit && !Character.isWhitespace(prose.charAt(end))) {
                end++;
            }
            return new int[] {from, end};
        }
        int start = to - SAMPLE_CHARS;
        int limit = Math.max(from, start - 40);
        while (start > limit && !Character.isWhitespace(prose.charAt(start - 1))) {
            start--;
        }
        return new int[] {start, to};
    }

    /** At least 8 words, a quarter of them among the 50 commonest English function words. */
    static boolean looksEnglish(String text) {
        return englishShare(text) >= ENGLISH_SHARE;
    }

    private static boolean onlyAsciiLetters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128 && Character.isLetter(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Share of the first words (of at least 8) that are common English function words; 0 for fewer
     * words or text that is not all Latin script.
     */
    static double englishShare(String text) {
        return functionShare(text, ENGLISH_FUNCTION_WORDS, 8);
    }

    private static double functionShare(String text, WordSet functionWords) {
        return functionShare(text, functionWords, 8);
    }

    private static double functionShare(String text, WordSet functionWords, int minWords) {
        int words = 0;
        int function = 0;
        int limit = Math.min(text.length(), 800);
        for (Prose.Words w = new Prose.Words(text, limit); w.next(); ) {
            words++;
            if (w.length() <= 6 && functionWords.contains(w)) {
                function++;
            }
        }
        return words >= minWords && Prose.latinShare(text, limit) > 0.95 ? function / (double) words : 0.0;
    }

    private static final java.util.regex.Pattern TRANSLATION_OR_CODE = java.util.regex.Pattern.compile(
            "(?i)\\b(?:translat\\w*|übersetz\\w*|tradu\\w*|code|program|script|function|regex|sql|json|html)\\b");

    private static boolean asksForTranslationOrCode(String prompt) {
        return TRANSLATION_OR_CODE.matcher(prompt).find();
    }

    private static String name(Language language) {
        String n = language == Language.BOKMAL ? "norwegian" : language.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** Registered in {@code META-INF/services}; loads the language models when the suite is built. */
    public static final class Provider extends ThresholdClassifierProvider {
        public Provider() {
            super(ID, LanguageRule::new);
        }

        @Override
        public Classifier create(ClassifierSettings settings) {
            LanguageIdentifier.warmUp();
            return super.create(settings);
        }
    }
}
