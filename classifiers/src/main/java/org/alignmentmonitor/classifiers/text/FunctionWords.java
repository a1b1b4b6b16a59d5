package org.alignmentmonitor.classifiers.text;

import java.util.Locale;
import java.util.Set;

/** Closed-class English words with a job in sentence structure. */
public final class FunctionWords {

    /** Words that open a sentence rather than a label or a name ("The ...", "It ...", "Sure, ..."). */
    private static final Set<String> SENTENCE_OPENERS = Set.of("the", "a", "an", "it", "this", "that", "there",
            "these", "those", "i", "we", "you", "he", "she", "they", "my", "our", "your", "his", "her", "its", "their",
            "to", "in", "as", "if", "when", "sure", "yes", "no", "here", "certainly", "of", "for", "on", "while",
            "although", "because", "based", "one", "some", "many", "most");

    private FunctionWords() {}

    /** Whether {@code word} (any case) typically opens a sentence. */
    public static boolean opensSentence(String word) {
        return SENTENCE_OPENERS.contains(word.toLowerCase(Locale.ROOT));
    }
}
