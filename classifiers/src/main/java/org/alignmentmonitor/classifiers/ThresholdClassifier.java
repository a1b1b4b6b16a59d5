package org.alignmentmonitor.classifiers;

import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;

/**
 * Base for classifiers that compute a {@link Finding} and flag it against a threshold. It turns
 * any {@link RuntimeException} of {@link #evaluate} into an {@code UNSCORED} result, so a bug on
 * odd input costs one score, not the stream.
 */
public abstract class ThresholdClassifier implements Classifier {

    private final String id;
    private final String version;
    private final double threshold;

    protected ThresholdClassifier(String id, String version, double threshold) {
        this.id = id;
        this.version = version;
        this.threshold = ClassifierSettings.requireValidThreshold(threshold);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String version() {
        return version;
    }

    public final double threshold() {
        return threshold;
    }

    @Override
    public final ClassifierResult classify(Interaction interaction) {
        if (interaction == null) {
            return Results.unscored(id, version, "no interaction");
        }
        try {
            return Results.scored(id, version, evaluate(interaction), threshold);
        } catch (RuntimeException e) {
            return Results.failed(id, version, e);
        }
    }

    /** Scores a non-null interaction whose fields may still be null or empty. */
    protected abstract Finding evaluate(Interaction interaction);
}
