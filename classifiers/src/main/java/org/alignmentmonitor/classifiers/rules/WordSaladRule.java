package org.alignmentmonitor.classifiers.rules;

import java.util.Locale;
import java.util.regex.Pattern;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Finding;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.ThresholdClassifier;
import org.alignmentmonitor.classifiers.ThresholdClassifierProvider;
import org.alignmentmonitor.classifiers.text.FluencyModel;

/**
 * Word salad: real English words with no grammar. The prose of the answer (code blanked out, see
 * {@link Prose}) is scored by the shipped {@link FluencyModel}: fluent answers gain about 1 nat per
 * token from knowing the previous token (the 1st percentile of real answers, weak models included,
 * is about 0.2), the same words shuffled gain nothing or lose. Only answers mostly made of frequent English
 * words are judged (another language or token soup is another rule's business), enumerations are skipped, and not when the
 * user asked for word lists, keywords or scrambled text.
 */
public final class WordSaladRule extends ThresholdClassifier {

    public static final String ID = "rule.word_salad";
    public static final String VERSION = "1.0.0";
    public static final String GARBLED = "garbled";

    /** Word salad shows in any stretch of an answer; its start is enough (and shared with rule.off_topic). */
    private static final int MAX_CHARS = 2_000;
    /** Sentences shorter than this (headings, list labels) say little about grammar. */
    private static final int MIN_SENTENCE_WORDS = 4;
    private static final int MIN_WORDS = 12;
    /** English prose has about 70% of its words among the model's frequent words, other languages far fewer. */
    private static final double MIN_ENGLISH_SHARE = 0.4;
    /** Mean gain per token at which the score is 0, and at which it is 1. */
    private static final double FLUENT = 0.25;
    private static final double SALAD = -0.05;

    private static final Pattern ASKED_FOR_WORDS = Pattern.compile("(?i)\\b(?:keywords?|key words|hashtags?|tags"
            + "|scrambl\\w*|jumbl\\w*|shuffl\\w*|word salad|random words|anagrams?|word list|list of words|synonyms?"
            + "|antonyms?|rhym\\w*|words? that|nonsense|gibberish|stream of consciousness|tongue[- ]twister\\w*"
            + "|lorem|yoda|backwards?|word cloud|seo|translat\\w*)\\b");

    public WordSaladRule(double threshold) {
        super(ID, VERSION, threshold);
    }

    @Override
    protected Finding evaluate(Interaction interaction) {
        String completion = Texts.completion(interaction);
        if (!Prose.hasLetters(completion, MIN_WORDS * 3)) {
            return Finding.NONE;
        }
        String prose = Prose.ofHead(completion, MAX_CHARS);
        FluencyModel.Fluency fluency = FluencyModel.english().score(prose, 0, prose.length(), MIN_SENTENCE_WORDS);
        if (fluency.words() < MIN_WORDS || fluency.frequentShare() < MIN_ENGLISH_SHARE) {
            return Finding.NONE;
        }
        double score = ramp(fluency.mean(), FLUENT, SALAD);
        if (score == 0.0 || ASKED_FOR_WORDS.matcher(Prose.ends(Texts.lastUserMessage(interaction), MAX_CHARS)).find()) {
            return Finding.NONE;
        }
        return Finding.of(score, GARBLED, Finding.inCompletion(fluency.worstStart(), Math.max(fluency.worstStart(),
                fluency.worstEnd()), String.format(Locale.ROOT, "words in no grammatical order: word order gains %.2f"
                + " nats per word under the English model (fluent answers gain over %.2f; this sentence %.2f)",
                fluency.mean(), FLUENT, fluency.worstMean())));
    }

    /** 0 at {@code zero}, 1 at {@code one}, linear between (either direction). */
    private static double ramp(double value, double zero, double one) {
        return Math.max(0.0, Math.min(1.0, (value - zero) / (one - zero)));
    }

    /** Registered in {@code META-INF/services}. */
    public static final class Provider extends ThresholdClassifierProvider {
        public Provider() {
            super(ID, WordSaladRule::new);
        }
    }
}
