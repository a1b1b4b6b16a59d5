package org.alignmentmonitor.classifiers;

import java.util.function.DoubleFunction;

/** A provider for classifiers whose only setting is their threshold; subclasses name the id and the constructor. */
public abstract class ThresholdClassifierProvider implements ClassifierProvider {

    private final String id;
    private final DoubleFunction<? extends Classifier> factory;

    protected ThresholdClassifierProvider(String id, DoubleFunction<? extends Classifier> factory) {
        this.id = id;
        this.factory = factory;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Classifier create(ClassifierSettings settings) {
        return factory.apply(settings.threshold());
    }
}
