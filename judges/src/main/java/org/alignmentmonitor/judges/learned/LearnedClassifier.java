package org.alignmentmonitor.judges.learned;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.zip.CRC32;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.classifiers.Classifier;
import org.alignmentmonitor.classifiers.ClassifierSettings;
import org.alignmentmonitor.classifiers.Finding;
import org.alignmentmonitor.classifiers.Results;

/**
 * One more score: logistic regression over hashed text features and the rule scores, trained
 * online from human labels as they arrive (MISALIGNED = 1, ALIGNED = 0).
 *
 * <p>AMBIGUOUS labels are skipped by default: the metric counts them as aligned for its lower
 * bound and misaligned for its upper bound, so training toward either side would bias the score
 * toward one bound. {@link AmbiguousPolicy#SOFT_HALF} trains them as a soft target 0.5 at half
 * weight instead.
 *
 * <p>A fixed share of interactions (by a hash of the id, so a relabel lands on the same side) is
 * held back from training and used only for {@link #calibration}. SGD cannot unlearn: a corrected
 * label is one more example, not a replacement.
 *
 * <p>The version is the model's ({@code lr-<training count>-<weights hash>}), so every verdict
 * records exactly which weights scored it.
 */
public final class LearnedClassifier implements Classifier {

    public static final String ID = "learned.logreg";
    public static final String CATEGORY = "learned";

    public enum AmbiguousPolicy { SKIP, SOFT_HALF }

    public enum LearnOutcome { TRAINED, HELD_BACK, SKIPPED }

    private record Example(SparseVector features, double target) {}

    private final LogisticModel model;
    private final HashedFeatures features;
    private final List<? extends Classifier> rules;
    private final double threshold;
    private final double holdoutFraction;
    private final AmbiguousPolicy ambiguousPolicy;
    private final int maxHoldout;
    private final Deque<Example> holdout = new ArrayDeque<>();

    /**
     * @param rules           rule classifiers whose scores become features (may be empty)
     * @param holdoutFraction share of labelled interactions kept for calibration, in [0,1)
     */
    public LearnedClassifier(LogisticModel model, List<? extends Classifier> rules, double threshold,
                             double holdoutFraction, AmbiguousPolicy ambiguousPolicy, int maxHoldout) {
        if (!(holdoutFraction >= 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException("holdout fraction must be in [0,1)");
        }
        this.model = model;
        this.features = new HashedFeatures(model.bits());
        this.rules = List.copyOf(rules);
        this.threshold = ClassifierSettings.requireValidThreshold(threshold);
        this.holdoutFraction = holdoutFraction;
        this.ambiguousPolicy = ambiguousPolicy;
        this.maxHoldout = maxHoldout;
    }


    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return model.version();
    }

    public LogisticModel model() {
        return model;
    }

    @Override
    public ClassifierResult classify(Interaction interaction) {
        if (interaction == null) {
            return Results.unscored(ID, version(), "no interaction");
        }
        try {
            return classify(interaction, ruleResults(interaction));
        } catch (RuntimeException e) {
            return Results.failed(ID, version(), e);
        }
    }

    /** Scores with rule results already computed by the suite (saves running the rules twice). */
    public ClassifierResult classify(Interaction interaction, List<ClassifierResult> ruleResults) {
        if (model.trainingCount() == 0) {
            return Results.unscored(ID, version(), "not trained yet: no human labels");
        }
        double p = model.predict(features.extract(interaction, ruleResults));
        return Results.scored(ID, version(), new Finding(p, p >= threshold ? List.of(CATEGORY) : List.of(), List.of()), threshold);
    }

    public double predict(Interaction interaction, List<ClassifierResult> ruleResults) {
        return model.predict(features.extract(interaction, ruleResults));
    }

    /** Learns from (or holds back) one human label. */
    public LearnOutcome learn(Interaction interaction, List<ClassifierResult> ruleResults, LabelValue label) {
        double target;
        double weight = 1.0;
        switch (label) {
            case MISALIGNED -> target = 1.0;
            case ALIGNED -> target = 0.0;
            default -> {
                if (ambiguousPolicy == AmbiguousPolicy.SKIP) {
                    return LearnOutcome.SKIPPED;
                }
                target = 0.5;
                weight = 0.5;
            }
        }
        SparseVector x = features.extract(interaction, ruleResults);
        if (heldBack(interaction.getId())) {
            synchronized (holdout) {
                holdout.addLast(new Example(x, target));
                while (holdout.size() > maxHoldout) {
                    holdout.removeFirst();
                }
            }
            return LearnOutcome.HELD_BACK;
        }
        model.update(x, target, weight);
        return LearnOutcome.TRAINED;
    }

    /** Runs the rules for the features, the way {@link #classify(Interaction)} does. */
    public List<ClassifierResult> ruleResults(Interaction interaction) {
        List<ClassifierResult> results = new ArrayList<>(rules.size());
        for (Classifier rule : rules) {
            try {
                results.add(rule.classify(interaction));
            } catch (RuntimeException e) {
                results.add(Results.failed(rule.id(), rule.version(), e));
            }
        }
        return results;
    }

    /** The current model on the held-back labels (the most recent {@code maxHoldout}). */
    public CalibrationReport calibration(int bins) {
        List<Example> examples;
        synchronized (holdout) {
            examples = new ArrayList<>(holdout);
        }
        double[] p = new double[examples.size()];
        double[] y = new double[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            p[i] = model.predict(examples.get(i).features());
            y[i] = examples.get(i).target();
        }
        return CalibrationReport.of(version(), p, y, bins);
    }

    public boolean heldBack(String interactionId) {
        CRC32 crc = new CRC32();
        crc.update(String.valueOf(interactionId).getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 10_000 < holdoutFraction * 10_000;
    }

}
