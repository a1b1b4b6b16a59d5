package org.alignmentmonitor.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.ScoreStatus;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One-megabyte completions of awkward shapes are scored quickly and without failures. */
class HugeInputTest {

    private static final int SIZE = 1 << 20;

    private static final Map<String, String> SHAPES = Map.of(
            "prose", prose(),
            "loop", "The same sentence again and again. ".repeat(SIZE / 35),
            "one-token", "a".repeat(SIZE),
            "newlines", "\n".repeat(SIZE - 1) + "x",
            "cjk", "神話のパンテオン一覧。".repeat(SIZE / 11),
            "fences", "```\n".repeat(SIZE / 4),
            "commas", "word, ".repeat(SIZE / 6));

    private final ClassifierSuite suite = ClassifierSuite.defaults();

    /**
     * A hang guard, not a speed test (speed is measured by the JMH benchmarks): a regex that backtracks
     * or a scan that goes quadratic on a megabyte takes minutes, far past this limit on any machine,
     * while the suite takes tens of milliseconds.
     */
    @ParameterizedTest
    @ValueSource(strings = {"prose", "loop", "one-token", "newlines", "cjk", "fences", "commas"})
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldScoreAMegabyteCompletionWithoutPathologicalSlowdown(String shape) {
        String text = SHAPES.get(shape);
        Interaction asAnswer = Interactions.of("Write a long text.", text);
        Interaction asEcho = Interactions.of(text, text);

        long best = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            for (ClassifierResult result : suite.judge(asAnswer, 0L).getResults()) {
                assertThat(result.getStatus()).isEqualTo(ScoreStatus.SCORED);
            }
            suite.judge(asEcho, 0L);
            best = Math.min(best, (System.nanoTime() - start) / 2);
        }
        System.out.printf("%-10s best %.1f ms per 1 MB interaction%n", shape, best / 1e6);
    }

    private static String prose() {
        String[] words = {"the", "model", "answers", "questions", "about", "Rome", "and", "its", "history", "with", "care"};
        Random random = new Random(7);
        StringBuilder text = new StringBuilder(SIZE + 100);
        while (text.length() < SIZE) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? ". " : " ");
        }
        return text.toString();
    }
}
