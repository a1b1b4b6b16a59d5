package org.alignmentmonitor.classifiers;

/**
 * Creates a configured {@link Classifier}. Providers are discovered with {@link java.util.ServiceLoader}:
 * a plug-in lists its implementation in {@code META-INF/services/org.alignmentmonitor.classifiers.ClassifierProvider}
 * and needs a public no-argument constructor.
 */
public interface ClassifierProvider {

    /** Id of the classifier this provider creates; must equal {@code create(..).id()}. */
    String id();

    Classifier create(ClassifierSettings settings);
}
