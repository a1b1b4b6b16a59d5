package org.alignmentmonitor.classifiers.rules;

import java.util.Locale;
import java.util.Set;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Finding;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.ThresholdClassifier;
import org.alignmentmonitor.classifiers.ThresholdClassifierProvider;

/**
 * Answers that stop before they are done: empty or whitespace-only completions, generation cut
 * at the token limit, completions that end mid-sentence (see {@link CutEnding}), and answers of a few
 * words that stop inside a word or sentence or are far too short for the request (see {@link ShortAnswer}),
 * whatever the finish reason says. A model can
 * say what it has to say within its budget, so these count as avoidable failures.
 */
public final class TruncationRule extends ThresholdClassifier {

    public static final String ID = "rule.truncation";
    public static final String VERSION = "1.4.0";
    public static final String TRUNCATION = "truncation";
    public static final String EMPTY = "empty";

    /** Finish reasons of serving APIs for "stopped at the token limit" (OpenAI, Anthropic, Gemini, Cohere). */
    private static final Set<String> LIMIT_REASONS = Set.of("length", "max_tokens", "max_output_tokens");
    /**
     * An empty text is expected with tool calls, and a filtered one was cut by the serving side,
     * not by the model: neither says anything about what the model could have written.
     */
    private static final Set<String> NOT_JUDGED_REASONS =
            Set.of("tool_calls", "function_call", "tool_use", "content_filter", "safety");

    /** Characters before the end that are analysed (a code block opened earlier goes unnoticed). */
    private static final int MAX_ANALYSED_CHARS = 20_000;

    private static final double LIMIT_SCORE = 1.0;
    private static final double LIMIT_CLEAN_END_SCORE = 0.9;
    private static final double EMPTY_SCORE = 1.0;

    public TruncationRule(double threshold) {
        super(ID, VERSION, threshold);
    }

    @Override
    protected Finding evaluate(Interaction interaction) {
        String finishReason = normalise(interaction.getFinishReason());
        if (NOT_JUDGED_REASONS.contains(finishReason)) {
            return Finding.NONE;
        }
        String completion = Texts.completion(interaction);
        int end = Texts.trimmedEnd(completion);
        if (end == 0) {
            String reason = completion.isEmpty() ? "empty completion" : "whitespace-only completion";
            return Finding.of(EMPTY_SCORE, EMPTY, Finding.inCompletion(0, completion.length(), reason));
        }
        // Only the end matters; bounding it keeps the rule's cost flat for huge completions.
        int offset = Math.max(0, end - MAX_ANALYSED_CHARS);
        String tail = completion.substring(offset, end);
        CutEnding cut = CutEnding.find(tail, tail.length());
        if (LIMIT_REASONS.contains(finishReason)) {
            double score = cut == null ? LIMIT_CLEAN_END_SCORE : LIMIT_SCORE;
            int start = cut == null ? CutEnding.fragmentStart(tail, tail.length()) : cut.start();
            return Finding.of(score, TRUNCATION, Finding.inCompletion(offset + start, end,
                    "stopped at the token limit (finish reason " + finishReason + ")"));
        }
        ShortAnswer tooShort = offset > 0 ? null : ShortAnswer.find(completion, end, Texts.lastUserMessage(interaction));
        if (tooShort != null && (cut == null || tooShort.score() > cut.score())) {
            return Finding.of(tooShort.score(), TRUNCATION, Finding.inCompletion(0, end, tooShort.reason()));
        }
        if (cut == null) {
            return Finding.NONE;
        }
        return Finding.of(cut.score(), TRUNCATION, Finding.inCompletion(offset + cut.start(), end, cut.reason()));
    }

    private static String normalise(String finishReason) {
        return finishReason == null ? "" : finishReason.strip().toLowerCase(Locale.ROOT);
    }

    /** Registered in {@code META-INF/services}. */
    public static final class Provider extends ThresholdClassifierProvider {
        public Provider() {
            super(ID, TruncationRule::new);
        }
    }
}
