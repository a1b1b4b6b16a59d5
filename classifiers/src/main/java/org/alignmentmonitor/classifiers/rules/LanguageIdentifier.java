package org.alignmentmonitor.classifiers.rules;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * One shared lingua detector for the languages most traffic is in. Low-accuracy mode (trigram
 * models only): about 40 MB of heap and well under a millisecond per few hundred characters,
 * against about 700 MB for high-accuracy mode; the rule only judges texts long enough for
 * trigrams to be reliable. Models are loaded once, when the first rule is built, not on the
 * stream thread's first record.
 */
final class LanguageIdentifier {

    static final Set<Language> LANGUAGES = EnumSet.of(Language.ENGLISH, Language.FRENCH, Language.GERMAN,
            Language.SPANISH, Language.PORTUGUESE, Language.ITALIAN, Language.DUTCH, Language.RUSSIAN,
            Language.UKRAINIAN, Language.POLISH, Language.CZECH, Language.SWEDISH, Language.DANISH, Language.BOKMAL,
            Language.FINNISH, Language.TURKISH, Language.ARABIC, Language.PERSIAN, Language.HEBREW, Language.HINDI,
            Language.BENGALI, Language.CHINESE, Language.JAPANESE, Language.KOREAN, Language.VIETNAMESE,
            Language.INDONESIAN, Language.THAI, Language.GREEK, Language.ROMANIAN, Language.HUNGARIAN);

    private LanguageIdentifier() {}

    private static final class Holder {
        static final LanguageDetector DETECTOR = LanguageDetectorBuilder.fromLanguages(LANGUAGES.toArray(Language[]::new))
                .withLowAccuracyMode()
                .withPreloadedLanguageModels()
                .build();
    }

    /** Loads the models now. */
    static void warmUp() {
        Holder.DETECTOR.getClass();
    }

    /**
     * Confidence of each language relative to the most likely one (which has 1.0), most likely
     * first; empty when the text gives no clue.
     */
    static SortedMap<Language, Double> confidences(String text) {
        return Holder.DETECTOR.computeLanguageConfidenceValues(text);
    }

    /** The most likely language and the relative confidence of {@code expected} (0 when not listed). */
    static Detection detect(String text, Language expected) {
        SortedMap<Language, Double> values = confidences(text);
        if (values.isEmpty()) {
            return new Detection(Language.UNKNOWN, 0.0);
        }
        Map.Entry<Language, Double> top = values.entrySet().iterator().next();
        return new Detection(top.getKey(), values.getOrDefault(expected, 0.0));
    }

    /** @param expectedConfidence confidence of the expected language relative to the top one */
    record Detection(Language top, double expectedConfidence) {}
}
