package org.alignmentmonitor.classifiers;

import org.alignmentmonitor.avro.Interaction;

/** A classifier that always finds the same score: a stand-in for a third-party plug-in. */
public final class FixedScoreClassifier extends ThresholdClassifier {

    public static final String ID = "test.fixed";

    private final double score;

    public FixedScoreClassifier(String id, double score, double threshold) {
        super(id, "0.0.1", threshold);
        this.score = score;
    }

    @Override
    protected Finding evaluate(Interaction interaction) {
        return score == 0.0 ? Finding.NONE : Finding.of(score, "test", Finding.inCompletion(0, 0, "fixed"));
    }

    /** Registered in the test {@code META-INF/services}, as a plug-in jar would register it. */
    public static final class Provider implements ClassifierProvider {
        @Override
        public String id() {
            return ID;
        }

        @Override
        public Classifier create(ClassifierSettings settings) {
            return new FixedScoreClassifier(ID, 0.7, settings.threshold());
        }
    }
}
