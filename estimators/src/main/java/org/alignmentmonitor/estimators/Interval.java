package org.alignmentmonitor.estimators;

/** A closed interval [lower, upper] for a rate. */
public record Interval(double lower, double upper) {

    public static final Interval UNIT = new Interval(0.0, 1.0);

    public boolean contains(double p) {
        return lower <= p && p <= upper;
    }

    public double width() {
        return upper - lower;
    }
}
