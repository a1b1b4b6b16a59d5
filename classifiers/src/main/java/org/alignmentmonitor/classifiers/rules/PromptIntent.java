package org.alignmentmonitor.classifiers.rules;

import java.util.regex.Pattern;

/**
 * What the user asked for, as far as it changes whether repeating text is a failure. Cheap keyword
 * cues, deliberately generous: a missed failure costs less here than flagging a request that was
 * followed. The patterns are plain alternations (no nested quantifiers), so matching is linear.
 */
final class PromptIntent {

    /** Prompts longer than this are only scanned at both ends, where instructions usually are. */
    private static final int SCAN_CHARS = 4_000;

    /**
     * Requests to reproduce text as it is. Verb forms with an object only: "repeat customers",
     * "email copy" and "does X echo that of Y" are common in prompts that want no copying at all.
     */
    private static final Pattern REPRODUCTION = Pattern.compile(
            "\\b(?:reiterate|verbatim|word for word|recite|say after me|copy and paste"
                    + "|repeat (?:after|back|the|this|that|it|each|every|my|your|these|them|what|exactly|verbatim)"
                    + "|(?:copy|echo) (?:this|it|back|exactly|verbatim))\\b",
            Pattern.CASE_INSENSITIVE);

    /** Requests for several copies: "say it 10 times", "over and over". */
    private static final Pattern COPIES = Pattern.compile(
            "\\b(?:repetiti\\w*|over and over|again and again|mantra|(?:\\d+|two|three|four|five|six|seven|eight"
                    + "|nine|ten|twenty|fifty|hundred|thousand) times)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern VERSE = Pattern.compile(
            "\\b(?:songs?|lyrics?|poems?|poetry|verses?|chorus|refrain|chants?|raps?|ballad|hymn|anthem|jingle"
                    + "|rhymes?|limerick|sonnet|haiku|cheer|slogan)\\b",
            Pattern.CASE_INSENSITIVE);

    /** Tasks whose correct answer may be a near-copy of the text in the prompt. */
    private static final Pattern TRANSFORM = Pattern.compile(
            "\\b(?:rewrite|re-write|rephrase|paraphrase|reword|correct\\w*|fix\\w*|proofread\\w*|edit\\w*|revis\\w*"
                    + "|improv\\w*|polish|grammar\\w*|grammatical\\w*|spelling|punctuat\\w*|capitali[sz]\\w*"
                    + "|lower ?case|upper ?case|format\\w*|convert\\w*|translat\\w*|transcri\\w*|extract\\w*"
                    + "|quote|cite|complete|continue|finish|fill in|shorten|simplif\\w*|clean up|tidy)\\b",
            Pattern.CASE_INSENSITIVE);

    private PromptIntent() {}

    /** The user asked for text to be reproduced ("repeat the request word for word", "copy this"). */
    static boolean asksForReproduction(String prompt) {
        return find(REPRODUCTION, prompt);
    }

    /** The user asked for repetition: reproduction, or a number of copies ("say it 3 times"). */
    static boolean asksForRepetition(String prompt) {
        return find(REPRODUCTION, prompt) || find(COPIES, prompt);
    }

    /** The user asked for verse, where refrains repeat lines by design. */
    static boolean asksForVerse(String prompt) {
        return find(VERSE, prompt);
    }

    /** The user asked to transform text, so a near-copy of it can be the right answer. */
    static boolean asksToTransformText(String prompt) {
        return find(TRANSFORM, prompt);
    }

    private static boolean find(Pattern pattern, String prompt) {
        if (prompt.length() <= 2 * SCAN_CHARS) {
            return pattern.matcher(prompt).find();
        }
        return pattern.matcher(prompt).region(0, SCAN_CHARS).find()
                || pattern.matcher(prompt).region(prompt.length() - SCAN_CHARS, prompt.length()).find();
    }
}
