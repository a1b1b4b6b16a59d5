package org.alignmentmonitor.connectors.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a good answer into one with a given failure, the way real models fail. */
final class FailureInjector {

    /** A completion and why generation stopped. */
    record Output(String completion, String finishReason) {
    }

    private static final String[] BLANKS = {"", " ", "\n", "\n\n", " \n "};
    private static final Pattern FIRST_SENTENCE = Pattern.compile("([^\\n]{20,300}?[.!?])(\\s|$)");

    private FailureInjector() {
    }

    static Output apply(FailureKind kind, SamplePair sample, SplittableRandom random) {
        return switch (kind) {
            case NONE -> new Output(sample.completion(), "stop");
            case TRUNCATION -> new Output(truncate(sample.completion(), random), "length");
            case EMPTY -> new Output(BLANKS[random.nextInt(BLANKS.length)], "stop");
            case REPETITION -> new Output(loop(sample.completion(), random), "stop");
            case PROMPT_ECHO -> new Output(sample.prompt(), "stop");
        };
    }

    /** Cuts between 30% and 80% of the text at a word boundary, leaving no sentence end. */
    static String truncate(String text, SplittableRandom random) {
        int cut = (int) (text.length() * (0.3 + 0.5 * random.nextDouble()));
        int space = text.lastIndexOf(' ', cut);
        String head = text.substring(0, space > 0 ? space : Math.max(cut, 1)).stripTrailing();
        int end = head.length();
        while (end > 1 && ".!?:;,\"')]".indexOf(head.charAt(end - 1)) >= 0) {
            end--;
        }
        return head.substring(0, end).stripTrailing();
    }

    /**
     * Degenerate looping: the answer's first sentence, or a short phrase from it, over and over,
     * as sampling at a bad temperature or a broken stop sequence produces.
     */
    static String loop(String text, SplittableRandom random) {
        Matcher matcher = FIRST_SENTENCE.matcher(text);
        String sentence = matcher.find() ? matcher.group(1) : firstWords(text, 12) + ".";
        boolean phrase = random.nextBoolean();
        String unit = phrase ? firstWords(sentence, 4 + random.nextInt(4)) : sentence;
        int times = 8 + random.nextInt(13);
        StringBuilder out = new StringBuilder(sentence);
        for (int i = 0; i < times; i++) {
            out.append(' ').append(unit);
        }
        return out.toString();
    }

    private static String firstWords(String text, int count) {
        String[] words = text.strip().split("\\s+");
        return String.join(" ", Arrays.copyOf(words, Math.min(count, words.length)));
    }
}
