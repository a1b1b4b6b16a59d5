package org.alignmentmonitor.classifiers.rules;

import java.util.Locale;
import java.util.Set;
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
    /** A last line that is only a list marker: "2", "3.", "-". */
    private static final Pattern LAST_LINE_MARKER = Pattern.compile("\\n[ \\t]*(?:\\d{1,3}[.)]?|[-*•])$");
    /** A cut this short ("Ca") may be any word; from three letters on it is the start of one of the request. */
    private static final int MIN_CUT_PREFIX = 3;
    /** Requests whose answer may be the start of one of their words: "info" for "the short form of information". */
    private static final Pattern SHORTENING = Pattern.compile("(?i)\\b(?:abbreviat\\w*|short(?:en\\w*| form)|acronym"
            + "|prefix\\w*|stem|root|truncat\\w*|nickname|initials?)\\b");
    /** A word of the lexicon this long is meant ("grammatical" for "grammatically correct?"), not a cut one. */
    private static final int MIN_LONG_WORD = 6;
    private static final int MAX_ECHO_WORDS = 6;
    /** "Tucker's" gives back "Tucker" (the request may spell it "tucker"). */
    private static final Pattern POSSESSIVE = Pattern.compile("['’]s\\b");
    private static final int MAX_ECHOED_REQUEST_WORDS = 25;
    private static final Pattern WH_QUESTION = Pattern.compile("(?i)\\s*(?:what|who|whom|which|when|where|why|how)\\b");
    /** Quoted text, a list, a passage or alternatives in the request: the answer may rightly be made of them. */
    private static final Pattern EMBEDDED_MATERIAL = Pattern.compile("[\"“:\\n]|,.*,|\\bor\\b");
    /** A long-form request answered in fewer words than this was not answered. */
    private static final int MIN_LONG_FORM_WORDS = 12;
    /** ln odds of a sentence ending after the last word below which the answer dangles. */
    private static final double DANGLING_END = -1.0;

    /** Complete answers to a yes-or-no question, in any case. */
    private static final Set<String> YES_OR_NO = Set.of("yes", "no", "maybe", "true", "false");

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
    /** "Please use less than 16 words": a short answer is what was asked for. */
    private static boolean limitsWords(String request) {
        return ConstraintParser.parse(request).stream().anyMatch(c -> c.kind() == Constraint.Kind.WORDS
                && (c.relation() == Constraint.Relation.AT_MOST || c.relation() == Constraint.Relation.LESS_THAN));
    }

    /** A bare "YES", "no" or "Maybe" answers a yes-or-no question in full. */
    private static boolean isYesOrNo(String text, int end) {
        String word = text.substring(0, end).strip().toLowerCase(Locale.ROOT);
        return YES_OR_NO.contains(word);
    }

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
        if (Requests.asksForLongForm(request) && !shortAnswer && !copied && !limitsWords(request)) {
            return new ShortAnswer(TOO_SHORT, words + " words for a request that asks for an explanation, a text or a list");
        }
        ShortAnswer stop = stopsMidway(text, end, request, words, copied);
        if (stop != null) {
            return stop;
        }
        if (words > MAX_WORDS) {
            return null;
        }
        boolean ended = endsSentence(text, end);
        // Names and titles ("Thrive Ahead") need no full stop; copied labels neither.
        boolean choice = Requests.offersChoices(request) && allWordsIn(text, end, request.toLowerCase(Locale.ROOT));
        boolean label = isTitle(text, end) || choice;
        if (words <= MAX_BARE_WORDS && !shortAnswer && !code && !copied && !ended && !label && !isYesOrNo(text, end)) {
            return new ShortAnswer(UNFINISHED, words + (words == 1 ? " word" : " words")
                    + " for a request that wants more than a word, a name or a choice");
        }
        if (words <= MAX_OPENER_WORDS && text.charAt(end - 1) == '!' && Words.countSeparated(request, 0, request.length(),
                MIN_REQUEST_WORDS_FOR_OPENER) >= MIN_REQUEST_WORDS_FOR_OPENER && !Openers.answeredInKind(request)) {
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
        if (label || code || copied || isEnumeration(text, end) || isYesOrNo(text, end)) {
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

    /**
     * Signs, in an answer of a few words, that more must follow whatever the request: a quote or a
     * bracket never closed, a last character that introduces something (",", ":"), a list marker
     * with no item, a word cut at an apostrophe or cut from a longer word of the request, an opening
     * pleasantry and nothing after it, or the question's own words given back as the answer.
     */
    private static ShortAnswer stopsMidway(String text, int end, String request, int words, boolean copied) {
        char last = text.charAt(end - 1);
        String open = unclosed(text, end);
        if (open != null) {
            return new ShortAnswer(DANGLING, "opens " + open + " and never closes it, after " + words + " words");
        }
        if (",:;–—".indexOf(last) >= 0) {
            return new ShortAnswer(DANGLING, "ends with '" + last + "' after " + words + " words, and nothing after it");
        }
        if (LAST_LINE_MARKER.matcher(text).region(0, end).find()) {
            return new ShortAnswer(DANGLING, "the last line is a list marker with no item");
        }
        // "students'" is a plural possessive; "Canada'" and "here'" are cut at the apostrophe.
        if ((last == '\'' || last == '’') && end > 1 && Texts.isLetter(text.charAt(end - 2))
                && text.charAt(end - 2) != 's' && !opensSingleQuote(text, end)) {
            return new ShortAnswer(MID_WORD, "ends inside a word, at an apostrophe, after " + words + " words");
        }
        if (!Texts.isLetter(last) || copied) {
            return Openers.onlyOpening(text, end, request) ? new ShortAnswer(UNFINISHED, "only an opening ('"
                    + text.substring(0, end) + "'), no answer") : null;
        }
        int lastStart = end;
        while (lastStart > 0 && Texts.isLetter(text.charAt(lastStart - 1))) {
            lastStart--;
        }
        String lower = request.toLowerCase(Locale.ROOT);
        String lastWord = text.substring(lastStart, end).toLowerCase(Locale.ROOT);
        if (end - lastStart >= MIN_CUT_PREFIX && !SHORTENING.matcher(request).find()
                && (end - lastStart < MIN_LONG_WORD || Lexicon.english().count(text, lastStart, end) == 0)
                && startsLongerWord(lower, lastWord) && !containsWord(lower, lastWord)) {
            return new ShortAnswer(MID_WORD, "ends inside a word ('" + text.substring(lastStart, end)
                    + "', the start of a word of the request) after " + words + " words");
        }
        if (Openers.onlyOpening(text, end, request)) {
            return new ShortAnswer(UNFINISHED, "only an opening ('" + text.substring(0, end) + "'), no answer");
        }
        if (words <= MAX_ECHO_WORDS && echoesQuestion(text, end, request, lower)) {
            return new ShortAnswer(UNFINISHED, "gives back the question's own words ('" + text.substring(0, end)
                    + "') and nothing it did not know");
        }
        return null;
    }

    /**
     * Whether the answer is only words of a short wh- question: "Canada was colonized" for "When was
     * Canada colonized?". Not for yes/no questions (repeating "Paris is the capital" affirms it),
     * choices, quoted or listed material, or tasks that transform or extract text, whose right answer
     * is made of the request's words.
     */
    private static boolean echoesQuestion(String text, int end, String request, String lower) {
        if (!WH_QUESTION.matcher(request).lookingAt() || Words.countSeparated(request, 0, request.length(),
                MAX_ECHOED_REQUEST_WORDS + 1) > MAX_ECHOED_REQUEST_WORDS || Requests.offersChoices(request)
                || PromptIntent.asksToTransformText(request) || EMBEDDED_MATERIAL.matcher(request).find()) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            if (Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        String possessiveless = POSSESSIVE.matcher(text.substring(0, end)).replaceAll("");
        return allWordsIn(possessiveless, possessiveless.length(), lower);
    }

    /** An opening quote or bracket the answer does not close, as the reader sees it ("\"Boost Your"), or null. */
    private static String unclosed(String text, int end) {
        int straight = 0;
        int curly = 0;
        int round = 0;
        int square = 0;
        for (int i = 0; i < end; i++) {
            switch (text.charAt(i)) {
                case '"' -> straight++;
                case '“' -> curly++;
                case '”' -> curly--;
                case '(' -> round += i > 0 && (text.charAt(i - 1) == ':' || text.charAt(i - 1) == '-') ? 0 : 1;
                case ')' -> round--;
                case '[' -> square++;
                case ']' -> square--;
                default -> { }
            }
        }
        return straight % 2 == 1 || curly > 0 ? "a quotation" : round > 0 || square > 0 ? "a bracket" : null;
    }

    /** Whether a single quote opens a quotation before the end: one that follows a space or starts the text. */
    private static boolean opensSingleQuote(String text, int end) {
        for (int i = 0; i < end - 1; i++) {
            char c = text.charAt(i);
            if ((c == '\'' || c == '‘') && (i == 0 || Texts.isSpace(text.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether some word of the lower-case request starts with {@code prefix} and goes on. */
    private static boolean startsLongerWord(String lower, String prefix) {
        for (int at = lower.indexOf(prefix); at >= 0; at = lower.indexOf(prefix, at + 1)) {
            int after = at + prefix.length();
            if ((at == 0 || !Character.isLetter(lower.charAt(at - 1))) && after < lower.length()
                    && Character.isLetter(lower.charAt(after))) {
                return true;
            }
        }
        return false;
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
