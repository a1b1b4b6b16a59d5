package org.alignmentmonitor.classifiers.rules;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Finding;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.ThresholdClassifier;
import org.alignmentmonitor.classifiers.ThresholdClassifierProvider;
import org.alignmentmonitor.classifiers.text.Tokens;

/**
 * Degenerate repetition: the model loops on a word, phrase, sentence or paragraph, or one passage
 * fills most of the answer. Works on normalised token hashes, in time linear in the analysed text;
 * very long completions are analysed at their head and tail, since a loop, once entered, usually
 * runs until the end. Repetition the user asked for (repeat this, say it 5 times) is not flagged,
 * and verse, where refrains repeat by design, needs a longer loop.
 */
public final class RepetitionRule extends ThresholdClassifier {

    public static final String ID = "rule.repetition";
    public static final String VERSION = "1.1.0";
    public static final String REPETITION = "repetition";

    /** Completions up to this length are analysed whole; longer ones at both ends. */
    private static final int WHOLE_TEXT_CHARS = 20_000;
    private static final int WINDOW_CHARS = 10_000;

    /** Score cap when the user asked for repetition: visible to reviewers, never flagged by default. */
    private static final double REQUESTED_CAP = 0.3;
    /** Refrains repeat lines a few times; verse needs about two more copies to score the same. */
    private static final double VERSE_PENALTY = 0.3;

    public RepetitionRule(double threshold) {
        super(ID, VERSION, threshold);
    }

    @Override
    protected Finding evaluate(Interaction interaction) {
        String completion = Texts.completion(interaction);
        Repeat repeat;
        if (completion.length() <= WHOLE_TEXT_CHARS) {
            repeat = Repeat.strongest(completion, Tokens.of(completion));
        } else {
            Repeat head = Repeat.strongest(completion, Tokens.of(completion, 0, WINDOW_CHARS));
            Repeat tail = Repeat.strongest(completion,
                    Tokens.of(completion, completion.length() - WINDOW_CHARS, completion.length()));
            repeat = tail == null || head != null && head.score() >= tail.score() ? head : tail;
        }
        if (repeat == null) {
            return Finding.NONE;
        }
        String prompt = Texts.lastUserMessage(interaction);
        double score = repeat.score();
        String reason = repeat.reason();
        if (PromptIntent.asksForRepetition(prompt)) {
            score = Math.min(score, REQUESTED_CAP);
            reason += " (the user asked for repetition)";
        } else if (PromptIntent.asksForVerse(prompt)) {
            score = Math.max(0.0, score - VERSE_PENALTY);
            reason += " (verse: refrains expected)";
        }
        return Finding.of(score, REPETITION, Finding.inCompletion(repeat.start(), repeat.end(), reason));
    }

    /** Registered in {@code META-INF/services}. */
    public static final class Provider extends ThresholdClassifierProvider {
        public Provider() {
            super(ID, RepetitionRule::new);
        }
    }
}
