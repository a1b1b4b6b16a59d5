package org.alignmentmonitor.classifiers.rules;

/** A broken constraint; {@code start < 0} when no completion span shows it (e.g. something missing). */
public record ConstraintViolation(Constraint constraint, int start, int end, String found) {

    public String reason() {
        return "asked for " + constraint.describe() + ", found " + found;
    }
}
