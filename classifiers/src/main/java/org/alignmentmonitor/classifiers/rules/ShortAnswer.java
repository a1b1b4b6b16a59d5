package org.alignmentmonitor.classifiers.rules;

import java.util.Locale;
import java.util.regex.Pattern;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.text.FluencyModel;
import org.alignmentmonitor.classifiers.text.FunctionWords;
import org.alignmentmonitor.classifiers.text.Lexicon;
import org.alignmentmonitor.classifiers.text.Requests;
import org.alignmentmonitor.classifiers.text.WordClasses;
import org.alignmentmonitor.classifiers.text.Words;

/**
 * An answer of a few words that stops before it is done, whatever the finish reason says: it ends
 * inside a word (the last word is no word but the start of one), on a word after which English
 * sentences do not end ("the", "of", "is": the fluency model's odds of a sentence end), or without
 * an ending on a request that wants more than a word or a name; or it is a few words for a request
 * that wants paragraphs (an essay, an explanation, a story). "Paris." or "Canberra" for a short
 * question is an answer, not a cut.
 *
 * @param score  how sure the finding is
 * @param reason short explanation for reviewers
 */
record ShortAnswer(double score, String reason) {

    /** At most this many words make an answer short. */
    static final int MAX_WORDS = 8;
    /** An answer of at most this many words is bare unless a word, name or choice was asked for. */
    private static final int MAX_BARE_WORDS = 5;
    private static final int MAX_COPIED_WORDS = 4;
    /** "Sure!", "Of course!": an opening and nothing after it, unless the request was as short. */
    private static final int MAX_OPENER_WORDS = 3;
    private static final int MIN_REQUEST_WORDS_FOR_OPENER = 6;
    /** A short answer that is a name or a label needs no full stop; a sentence of this many words does. */
    private static final int MIN_UNENDED_SENTENCE_WORDS = 3;
    /** Words of one or two letters seen less often than this are fragments ("le", "wo"), not "a", "I", "it". */
    private static final int RARE_SHORT_WORD = 100;
    /** The first item of a numbered or bulleted list and nothing after it. */
    private static final Pattern LIST_STUB = Pattern.compile("(?s)\\s*(?:1[.)]|[-*•])(?:\\s+[^\\n]*)?");
    /** A long-form request answered in fewer words than this was not answered. */
    private static final int MIN_LONG_FORM_WORDS = 12;
    /** ln odds of a sentence ending after the last word below which the answer dangles. */
    private static final double DANGLING_END = -1.0;

    private static final double MID_WORD = 0.9;
    private static final double DANGLING = 0.8;
    private static final double UNFINISHED = 0.7;
    private static final double TOO_SHORT = 0.75;

    /**
     * @param text    the completion
     * @param end     index just past its last non-whitespace character (> 0)
     * @param request the last user message
     * @return the finding, or null when the answer is not short or ends plausibly
     */
    static ShortAnswer find(String text, int end, String request) {
        int words = Words.countSeparated(text, 0, end, MIN_LONG_FORM_WORDS);
        if (words >= MIN_LONG_FORM_WORDS) {
            return null;
        }
        boolean shortAnswer = Requests.asksForShortAnswer(request);
        // A code request answered with a few plain words and no code was not answered either.
        boolean code = Requests.asksForCode(request) && hasCodeCharacters(text, end);
        // Copying the request's own words is the answer to "Write 'Test'" or to a multiple choice.
        boolean copied = words <= MAX_COPIED_WORDS && (request.indexOf('"') >= 0 || request.indexOf('“') >= 0)
                && allWordsIn(text, end, request.toLowerCase(Locale.ROOT));
        if (Requests.asksForLongForm(request) && !shortAnswer && !copied) {
            return new ShortAnswer(TOO_SHORT, words + " words for a request that asks for an explanation, a text or a list");
        }
        if (words > MAX_WORDS) {
            return null;
        }
        boolean ended = endsSentence(text, end);
        // Names and titles ("Thrive Ahead") need no full stop; copied labels neither.
        boolean choice = Requests.offersChoices(request) && allWordsIn(text, end, request.toLowerCase(Locale.ROOT));
        boolean label = isTitle(text, end) || choice;
        if (words <= MAX_BARE_WORDS && !shortAnswer && !code && !copied && !ended && !label) {
            return new ShortAnswer(UNFINISHED, words + (words == 1 ? " word" : " words")
                    + " for a request that wants more than a word, a name or a choice");
        }
        if (words <= MAX_OPENER_WORDS && text.charAt(end - 1) == '!' && Words.countSeparated(request, 0, request.length(),
                MIN_REQUEST_WORDS_FOR_OPENER) >= MIN_REQUEST_WORDS_FOR_OPENER) {
            return new ShortAnswer(UNFINISHED, "only an opening ('" + text.substring(0, end) + "'), no answer");
        }
        if (LIST_STUB.matcher(text).region(0, end).matches()) {
            return new ShortAnswer(UNFINISHED, "a list that stops at its first item");
        }
        if (ended) {
            return null;
        }
        int lastStart = end;
        while (lastStart > 0 && Texts.isLetter(text.charAt(lastStart - 1))) {
            lastStart--;
        }
        if (lastStart == end || endsOnLinkOrTag(text, lastStart)) {
            return null; // ends on a digit, symbol, emoji, link or hashtag: no word to judge
        }
        String lastWord = text.substring(lastStart, end);
        Lexicon lexicon = Lexicon.english();
        int count = lexicon.count(text, lastStart, end);
        boolean fragment = count == 0 || end - lastStart <= 2 && count < RARE_SHORT_WORD;
        if (!copied && fragment && lexicon.isPrefixOfLongerWord(text, lastStart, end)) {
            return new ShortAnswer(MID_WORD, "ends inside a word ('" + lastWord + "') after " + words + " words");
        }
        FluencyModel model = FluencyModel.english();
        int[] lastClass = {WordClasses.START};
        model.classes().scan(text, lastStart, end, (wordClass, start, to) -> {
            if (wordClass != WordClasses.START && wordClass != WordClasses.END) {
                lastClass[0] = wordClass;
            }
        });
        boolean contraction = lastStart > 1 && (text.charAt(lastStart - 1) == '\'' || text.charAt(lastStart - 1) == '’')
                && Texts.isLetter(text.charAt(lastStart - 2));
        // One of the offered choices, copied ("Social" for "Promotions or Social?"), ends where the choice does.
        if (contraction || !choice && !isEnumeration(text, end)
                && model.logRatio(lastClass[0], WordClasses.END) < DANGLING_END) {
            return new ShortAnswer(DANGLING, "stops after " + words + " words on '" + lastWord
                    + "', after which sentences do not end");
        }
        if (label || code || copied || isEnumeration(text, end)) {
            return null;
        }
        if (!shortAnswer) {
            return new ShortAnswer(UNFINISHED, words + " words without an ending, for a request that wants more than"
                    + " a word, a name or a choice");
        }
        if (words >= MIN_UNENDED_SENTENCE_WORDS && !hasCodeCharacters(text, end) && FunctionWords.opensSentence(firstWord(text, end))) {
            return new ShortAnswer(UNFINISHED, "a sentence of " + words + " words without an ending");
        }
        return null;
    }

    /** The last whitespace-separated token is a hashtag, a link or a path ("#Spain", "barcelona.cat/en"). */
    private static boolean endsOnLinkOrTag(String text, int lastStart) {
        int tokenStart = lastStart;
        while (tokenStart > 0 && !Texts.isSpace(text.charAt(tokenStart - 1))) {
            tokenStart--;
        }
        for (int i = tokenStart; i < lastStart; i++) {
            if ("#/@.:".indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String firstWord(String text, int end) {
        int start = 0;
        while (start < end && !Texts.isLetter(text.charAt(start))) {
            start++;
        }
        int stop = start;
        while (stop < end && Texts.isLetter(text.charAt(stop))) {
            stop++;
        }
        return text.substring(start, stop);
    }

    /** Two or more commas: a list of words ("anticipated, ..., looked forward to"), not a sentence. */
    private static boolean isEnumeration(String text, int end) {
        int commas = 0;
        for (int i = 0; i < end; i++) {
            commas += text.charAt(i) == ',' ? 1 : 0;
        }
        return commas >= 2;
    }

    private static boolean hasCodeCharacters(String text, int end) {
        for (int i = 0; i < end; i++) {
            if ("{}()[];=<>`\n_/\\|".indexOf(text.charAt(i)) >= 0 || Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Two or more words, each capitalised: a name or a title. */
    private static boolean isTitle(String text, int end) {
        int words = 0;
        boolean wordStart = true;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Texts.isSpace(c)) {
                wordStart = true;
            } else if (wordStart) {
                if (Character.isLetter(c) && !Character.isUpperCase(c)) {
                    return false;
                }
                words++;
                wordStart = false;
            }
        }
        return words >= 2;
    }

    /** Whether every word of {@code text[0, end)} occurs in the lower-cased request. */
    private static boolean allWordsIn(String text, int end, String request) {
        int i = 0;
        boolean any = false;
        while (i < end) {
            if (!Texts.isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < end && Texts.isLetter(text.charAt(i))) {
                i++;
            }
            if (!containsWord(request, text.substring(start, i).toLowerCase(Locale.ROOT))) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** Ends with . ! ? or a closing quote, bracket or emoji after text: a finished sentence or label. */
    private static boolean endsSentence(String text, int end) {
        int cp = Character.codePointBefore(text, end);
        return cp == '.' || cp == '!' || cp == '?' || cp == '"' || cp == '”' || cp == ')' || cp == '*' || cp == '\''
                || cp == '’' || cp == '。' || Character.getType(cp) == Character.OTHER_SYMBOL;
    }

    /** Whether the lower-case {@code lower} contains the lower-case {@code needle} between non-letters. */
    private static boolean containsWord(String lower, String needle) {
        int from = 0;
        for (int at = lower.indexOf(needle, from); at >= 0; at = lower.indexOf(needle, from)) {
            int after = at + needle.length();
            if ((at == 0 || !Character.isLetter(lower.charAt(at - 1)))
                    && (after == lower.length() || !Character.isLetter(lower.charAt(after)))) {
                return true;
            }
            from = at + 1;
        }
        return false;
    }
}
