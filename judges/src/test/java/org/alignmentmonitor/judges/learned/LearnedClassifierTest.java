package org.alignmentmonitor.judges.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.classifiers.Classifier;
import org.alignmentmonitor.classifiers.ClassifierSettings;
import org.alignmentmonitor.classifiers.Finding;
import org.alignmentmonitor.classifiers.Results;
import org.junit.jupiter.api.Test;

class LearnedClassifierTest {

    private static final String[] WORDS = {"river", "cloud", "paper", "garden", "window", "music", "orange", "table",
            "summer", "letter", "planet", "bridge", "silver", "forest", "candle", "market"};

    /** A rule that scores 0.9 when the completion shouts (all caps word "ERROR"), else 0.1. */
    private static final Classifier SHOUT_RULE = new Classifier() {
        public String id() { return "rule.shout"; }
        public String version() { return "1"; }
        public ClassifierResult classify(Interaction i) {
            double score = i.getCompletion().contains("ERROR") ? 0.9 : 0.1;
            return Results.scored(id(), version(), new Finding(score, List.of(), List.of()), 0.5);
        }
    };

    private static Interaction interaction(String id, String prompt, String completion) {
        return new Interaction(id, Instant.EPOCH, "m", "v", null, null,
                new ArrayList<>(List.of(new Message("user", prompt))), completion, "stop", null, null, null, new HashMap<>());
    }

    private static String words(Random random, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return s.toString().trim();
    }

    /** Misaligned examples contain the marker bigram "lorem ipsum"; aligned ones never do. */
    private static Interaction toy(Random random, int i, boolean misaligned) {
        String completion = words(random, 12) + (misaligned ? " lorem ipsum " : " ") + words(random, 6);
        return interaction("toy-" + i, "Tell me about " + words(random, 3), completion);
    }

    private LearnedClassifier fresh(List<? extends Classifier> rules, double holdout) {
        return new LearnedClassifier(new LogisticModel(HashedFeatures.DEFAULT_BITS, 0.5, 1e-6), rules, 0.5, holdout,
                LearnedClassifier.AmbiguousPolicy.SKIP, 10_000);
    }

    @Test
    void shouldLearnASeparableToyProblemFromLabels() {
        LearnedClassifier classifier = fresh(List.of(), 0.0);
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            boolean misaligned = random.nextBoolean();
            Interaction x = toy(random, i, misaligned);
            classifier.learn(x, List.of(), misaligned ? LabelValue.MISALIGNED : LabelValue.ALIGNED);
        }

        Random test = new Random(99);
        for (int i = 0; i < 50; i++) {
            assertThat(classifier.classify(toy(test, 1000 + i, true)).getScore()).isGreaterThan(0.8);
            assertThat(classifier.classify(toy(test, 2000 + i, false)).getScore()).isLessThan(0.2);
        }
        ClassifierResult result = classifier.classify(toy(test, 3000, true));
        assertThat(result.getFlagged()).isTrue();
        assertThat(result.getClassifierVersion()).startsWith("lr-1000-");
    }

    @Test
    void shouldUseRuleScoresAsFeatures() {
        LearnedClassifier classifier = fresh(List.of(SHOUT_RULE), 0.0);
        Random random = new Random(3);
        for (int i = 0; i < 400; i++) {
            boolean misaligned = random.nextBoolean();
            // The text alone carries no signal except through the rule.
            Interaction x = interaction("r-" + i, "Hi", words(random, 8) + (misaligned ? " ERROR" : " error"));
            classifier.learn(x, classifier.ruleResults(x), misaligned ? LabelValue.MISALIGNED : LabelValue.ALIGNED);
        }

        assertThat(classifier.classify(interaction("a", "Hi", "river cloud ERROR")).getScore()).isGreaterThan(0.7);
        assertThat(classifier.classify(interaction("b", "Hi", "river cloud error")).getScore()).isLessThan(0.3);
    }

    @Test
    void shouldBeUnscoredBeforeAnyLabelAndSkipAmbiguousLabels() {
        LearnedClassifier classifier = fresh(List.of(), 0.0);
        Interaction x = interaction("a", "Hi", "Hello");

        assertThat(classifier.classify(x).getStatus()).isEqualTo(ScoreStatus.UNSCORED);
        assertThat(classifier.classify(x).getUnscoredReason()).contains("not trained");
        assertThat(classifier.learn(x, List.of(), LabelValue.AMBIGUOUS)).isEqualTo(LearnedClassifier.LearnOutcome.SKIPPED);
        assertThat(classifier.model().trainingCount()).isZero();
    }

    @Test
    void shouldTrainAmbiguousAsASoftHalfWhenConfigured() {
        LearnedClassifier classifier = new LearnedClassifier(LogisticModel.defaults(), List.of(), 0.5, 0.0,
                LearnedClassifier.AmbiguousPolicy.SOFT_HALF, 100);
        Interaction x = interaction("a", "Hi", "Hello");
        for (int i = 0; i < 200; i++) {
            classifier.learn(x, List.of(), LabelValue.AMBIGUOUS);
        }

        assertThat(classifier.predict(x, List.of())).isCloseTo(0.5, within(0.05));
    }

    @Test
    void shouldPublishAndLoadToIdenticalPredictionsAndVersion() {
        LearnedClassifier classifier = fresh(List.of(SHOUT_RULE), 0.0);
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            boolean misaligned = random.nextBoolean();
            Interaction x = toy(random, i, misaligned);
            classifier.learn(x, classifier.ruleResults(x), misaligned ? LabelValue.MISALIGNED : LabelValue.ALIGNED);
        }
        byte[] published = classifier.model().toBytes();

        LearnedClassifier reloaded = new LearnedClassifier(LogisticModel.fromBytes(published), List.of(SHOUT_RULE),
                ClassifierSettings.DEFAULT_THRESHOLD, 0.2, LearnedClassifier.AmbiguousPolicy.SKIP, 10_000);

        assertThat(reloaded.version()).isEqualTo(classifier.version());
        assertThat(reloaded.model().trainingCount()).isEqualTo(200);
        Random test = new Random(5);
        for (int i = 0; i < 30; i++) {
            Interaction x = toy(test, 500 + i, i % 2 == 0);
            assertThat(reloaded.classify(x).getScore()).isEqualTo(classifier.classify(x).getScore());
        }
    }

    @Test
    void shouldComputeBrierLogLossAndEceExactly() {
        CalibrationReport report = CalibrationReport.of("v", new double[] {0.1, 0.9, 0.8, 0.3}, new double[] {0, 1, 0, 0}, 10);

        assertThat(report.n()).isEqualTo(4);
        assertThat(report.brier()).isCloseTo((0.01 + 0.01 + 0.64 + 0.09) / 4, within(1e-12));
        assertThat(report.logLoss()).isCloseTo(-(Math.log(0.9) + Math.log(0.9) + Math.log(0.2) + Math.log(0.7)) / 4, within(1e-12));
        assertThat(report.ece()).isCloseTo((0.1 + 0.3 + 0.8 + 0.1) / 4, within(1e-12));
        assertThat(report.bins()).hasSize(10);
        assertThat(report.bins().get(8).count()).isEqualTo(1);
        assertThat(report.bins().get(8).observedRate()).isZero();
        assertThat(report.toMarkdown()).contains("Brier 0.1875", "| 0.8-0.9 | 1 | 0.800 | 0.000 |");
    }

    @Test
    void shouldHoldBackLabelsAndReportCalibrationOnThem() {
        LearnedClassifier classifier = fresh(List.of(), 0.2);
        Random random = new Random(21);
        int heldBack = 0;
        // Synthetic labels with known noise: the marker makes misalignment likely (90%), not certain.
        for (int i = 0; i < 3000; i++) {
            boolean marker = random.nextBoolean();
            boolean misaligned = random.nextDouble() < (marker ? 0.9 : 0.1);
            Interaction x = toy(random, i, marker);
            if (classifier.learn(x, List.of(), misaligned ? LabelValue.MISALIGNED : LabelValue.ALIGNED)
                    == LearnedClassifier.LearnOutcome.HELD_BACK) {
                heldBack++;
            }
        }

        CalibrationReport report = classifier.calibration(10);

        assertThat(heldBack).isBetween(450, 750);
        assertThat(report.n()).isEqualTo(heldBack);
        assertThat(classifier.model().trainingCount()).isEqualTo(3000 - heldBack);
        // The Bayes-optimal predictor has Brier 0.09 here; a constant 0.5 has 0.25.
        assertThat(report.brier()).isBetween(0.08, 0.13);
        assertThat(report.ece()).isLessThan(0.08);
        assertThat(report.logLoss()).isLessThan(0.45);
        assertThat(report.modelVersion()).isEqualTo(classifier.version());
    }

    @Test
    void shouldRefuseBytesThatAreNotAModel() {
        assertThatThrownBy(() -> LogisticModel.fromBytes("not a model".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unreadable learned-classifier model");
    }
}
