package org.alignmentmonitor.classifiers.rules;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Finding;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.ThresholdClassifier;
import org.alignmentmonitor.classifiers.ThresholdClassifierProvider;
import org.alignmentmonitor.classifiers.text.Tokens;

/**
 * The completion hands the user's message back instead of answering: most of the completion is
 * copied from the last user turn (compared as normalised tokens, so case, punctuation and
 * whitespace do not matter).
 *
 * <ul>
 *   <li>Asked to repeat or copy: never flagged.</li>
 *   <li>Asked to transform text (fix grammar, rewrite, translate...): a near-copy of the text can
 *       be right, so only an exact copy of the whole message, instruction included, is flagged.</li>
 *   <li>Otherwise: flagged when the completion is mostly copied from a message of at least
 *       {@value #MIN_PROMPT_TOKENS_FOR_PARTIAL} words; quoting a short question is normal.</li>
 * </ul>
 */
public final class PromptEchoRule extends ThresholdClassifier {

    public static final String ID = "rule.prompt_echo";
    public static final String VERSION = "1.0.0";
    public static final String PROMPT_ECHO = "prompt_echo";

    /** Both texts are compared on their first characters only; an echo shows from its start. */
    private static final int MAX_CHARS = 20_000;
    private static final int MIN_PROMPT_TOKENS_FOR_EXACT = 3;
    private static final int MIN_PROMPT_TOKENS_FOR_PARTIAL = 8;
    private static final int N = 3;
    private static final int MAX_LENGTH_RATIO = 3;
    /**
     * Restating the question before a short answer copies up to ~90% of a completion ("X is called
     * Y"); a real echo copies nearly all of it.
     */
    private static final double MOSTLY_COPIED_LOW = 0.88;
    private static final double MOSTLY_COPIED_HIGH = 0.98;
    /** Quoting one sentence of a long message reproduces little of it; an echo reproduces much. */
    private static final double REPRODUCED_LOW = 0.2;
    private static final double REPRODUCED_HIGH = 0.5;
    private static final ThreadLocal<LongIntMap> REPRODUCED = new ThreadLocal<>();

    public PromptEchoRule(double threshold) {
        super(ID, VERSION, threshold);
    }

    @Override
    protected Finding evaluate(Interaction interaction) {
        String prompt = Texts.lastUserMessage(interaction);
        String completion = Texts.completion(interaction);
        // A copy is about as long as its source, and most answers are far longer than the question.
        if (prompt.isEmpty() || completion.length() > MAX_LENGTH_RATIO * prompt.length()) {
            return Finding.NONE;
        }
        Tokens promptTokens = Tokens.of(prompt, 0, Math.min(prompt.length(), MAX_CHARS));
        Tokens completionTokens = Tokens.of(completion, 0, Math.min(completion.length(), MAX_CHARS));
        if (promptTokens.size() < MIN_PROMPT_TOKENS_FOR_EXACT || completionTokens.size() == 0) {
            return Finding.NONE;
        }
        boolean exact = sameTokens(promptTokens, completionTokens);
        Finding echo;
        if (exact) {
            echo = Finding.of(1.0, PROMPT_ECHO, Finding.inCompletion(completionTokens.start(0),
                    completionTokens.end(completionTokens.size() - 1), "the completion is the user's message"));
        } else if (promptTokens.size() >= MIN_PROMPT_TOKENS_FOR_PARTIAL) {
            echo = partialEcho(promptTokens, completionTokens);
        } else {
            return Finding.NONE;
        }
        // The intent cues cost more than the comparison, so they only run on an echo.
        if (echo == Finding.NONE || PromptIntent.asksForReproduction(prompt)
                || !exact && PromptIntent.asksToTransformText(prompt)) {
            return Finding.NONE;
        }
        return echo;
    }

    /**
     * Scores how much of the completion consists of the prompt's word trigrams, and how much of the
     * prompt it reproduces: both must be high, so an answer that quotes a phrase or two is fine.
     */
    private static Finding partialEcho(Tokens prompt, Tokens completion) {
        long[] promptGrams = prompt.ngramHashes(N);
        long[] completionGrams = completion.ngramHashes(N);
        if (completionGrams.length == 0) {
            return Finding.NONE;
        }
        LongIntMap reproduced = LongIntMap.reused(REPRODUCED, promptGrams.length);
        int distinctPromptGrams = 0;
        for (long gram : promptGrams) {
            if (reproduced.put(gram, 0, -1) < 0) {
                distinctPromptGrams++;
            }
        }
        int reproducedGrams = 0;
        int copiedTokens = 0;
        int copiedUntil = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < completionGrams.length; i++) {
            int seen = reproduced.get(completionGrams[i], -1);
            if (seen < 0) {
                continue;
            }
            if (seen == 0) {
                reproduced.put(completionGrams[i], 1, -1);
                reproducedGrams++;
            }
            copiedTokens += i + N - Math.max(i, copiedUntil);
            copiedUntil = i + N;
            first = first < 0 ? i : first;
            last = i + N - 1;
        }
        double completionCopied = copiedTokens / (double) completion.size();
        double promptReproduced = reproducedGrams / (double) distinctPromptGrams;
        double score = ramp(completionCopied, MOSTLY_COPIED_LOW, MOSTLY_COPIED_HIGH)
                * ramp(promptReproduced, REPRODUCED_LOW, REPRODUCED_HIGH);
        if (score == 0.0) {
            return Finding.NONE;
        }
        return Finding.of(score, PROMPT_ECHO, Finding.inCompletion(completion.start(first), completion.end(last),
                Math.round(completionCopied * 100) + "% of the completion is copied from the user's message"));
    }

    /** 0 at or below {@code low}, 1 at or above {@code high}, linear between. */
    private static double ramp(double value, double low, double high) {
        return Math.max(0.0, Math.min(1.0, (value - low) / (high - low)));
    }

    private static boolean sameTokens(Tokens a, Tokens b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.hash(i) != b.hash(i)) {
                return false;
            }
        }
        return true;
    }

    /** Registered in {@code META-INF/services}. */
    public static final class Provider extends ThresholdClassifierProvider {
        public Provider() {
            super(ID, PromptEchoRule::new);
        }
    }
}
