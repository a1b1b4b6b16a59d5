package org.alignmentmonitor.classifiers;

import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;

/**
 * Scores one interaction for one kind of obvious misalignment.
 *
 * <p>Implementations run on the stream thread for every interaction: they must be synchronous,
 * cheap, thread-safe and must never throw. A classifier that cannot judge an input returns an
 * {@code UNSCORED} result with the reason (see {@link Results#unscored}). Slow classifiers (LLM
 * judges) belong behind an asynchronous stage, not behind this interface.
 */
public interface Classifier {

    /** Stable id, e.g. {@code rule.truncation}; reported in every result and used in configuration. */
    String id();

    /** Version of the scoring logic; bump it whenever scores for the same input may change. */
    String version();

    ClassifierResult classify(Interaction interaction);
}
