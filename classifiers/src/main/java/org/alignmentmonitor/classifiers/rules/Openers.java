package org.alignmentmonitor.classifiers.rules;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.text.Words;

/**
 * The pleasantries chat models open with ("Sure!", "Great question!", "Hello!"): said alone, or with
 * a word or two and no ending after them, they are the start of an answer, not one.
 */
final class Openers {

    /** Lower case, longest first among those sharing a start. */
    private static final List<String> OPENERS = List.of("i'm glad you asked", "i’m glad you asked", "glad you asked",
            "great question", "good question", "what a great question", "i'd be happy to help", "i’d be happy to help",
            "happy to help", "of course", "sure thing", "sure", "certainly", "absolutely", "hello there", "hello",
            "hi there", "hi", "hey there", "hey", "thank you", "thanks");
    /** At most this many words after the opener, with no ending, leave the answer unstarted. */
    private static final int MAX_WORDS_AFTER = 2;
    /**
     * Greetings and thanks are rightly answered in kind, yes/no questions with "Absolutely!" (not
     * "Can you ...?", a request), requests this short with anything, and text to rewrite may be "Hi!".
     */
    private static final Pattern ANSWERED_IN_KIND = Pattern.compile(
            "(?i)^\\W*(?:hi|hello|hey|good (?:morning|afternoon|evening)|greetings|is|are|was|were|am|do|does|did"
                    + "|should|shall|will|has|have|had)\\b|\\bthank");
    private static final int MIN_REQUEST_WORDS = 4;

    private Openers() {}

    /** Whether {@code text[0, end)} is an opener and at most a couple of unended words after it. */
    static boolean onlyOpening(String text, int end, String request) {
        String lower = text.substring(0, end).toLowerCase(Locale.ROOT);
        int start = 0;
        while (start < end && !Texts.isLetter(lower.charAt(start))) {
            start++;
        }
        for (String opener : OPENERS) {
            int after = start + opener.length();
            if (lower.startsWith(opener, start) && (after == end || !Texts.isLetter(lower.charAt(after)))) {
                return rest(text, after, end) && !answeredInKind(request)
                        && Words.countSeparated(request, 0, request.length(), MIN_REQUEST_WORDS) >= MIN_REQUEST_WORDS;
            }
        }
        return false;
    }

    /** Whether "Absolutely!" or "Hi!" may be the whole answer: to a greeting, thanks, a yes/no question, text to rewrite. */
    static boolean answeredInKind(String request) {
        return ANSWERED_IN_KIND.matcher(request).find() || PromptIntent.asksToTransformText(request);
    }

    /** Nothing after the opener but punctuation, or a few words without an ending. */
    private static boolean rest(String text, int from, int end) {
        while (from < end && !Texts.isLetter(text.charAt(from))) {
            from++;
        }
        return from == end || Words.countSeparated(text, from, end, MAX_WORDS_AFTER + 1) <= MAX_WORDS_AFTER
                && Texts.isLetter(text.charAt(end - 1));
    }
}
