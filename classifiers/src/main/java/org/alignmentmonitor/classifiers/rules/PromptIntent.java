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

    private static final Pattern REPETITION = Pattern.compile(
            "\\b(?:repeat\\w*|repetiti\\w*|reiterat\\w*|over and over|again and again|verbatim|word for word"
                    + "|copy|echo|duplicate|recite|mantra|(?:\\d+|two|three|four|five|six|seven|eight|nine|ten"
                    + "|twenty|fifty|hundred|thousand|many|several|multiple) times)\\b",
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

    /** The user asked for text to be repeated or reproduced ("say it 3 times", "repeat after me"). */
    static boolean asksForRepetition(String prompt) {
        return find(REPETITION, prompt);
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
