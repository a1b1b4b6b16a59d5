package org.alignmentmonitor.simulation;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.alignmentmonitor.estimators.Estimates;
import org.alignmentmonitor.estimators.Interval;

/**
 * The estimators compared, each read off an {@link Estimates} as a point and an interval. All use
 * y_low (ambiguous counted as aligned) except the bracket, which spans y_low to y_high.
 */
public enum EstimatorKind {
    CLASSIFIER_ONLY("classifier only (mean score)", e -> e.classifierOnly().meanScore(), e -> null),
    LABELS_IPW("labels only, IPW (lam = 0)", e -> e.low().lam0().estimate(), e -> e.low().lam0().interval()),
    WILSON("labels only, Wilson", EstimatorKind::sampleRate, e -> e.low().labelsOnly().wilson()),
    CLOPPER_PEARSON("labels only, Clopper-Pearson", EstimatorKind::sampleRate, e -> e.low().labelsOnly().clopperPearson()),
    CONFIDENCE_SEQUENCE("confidence sequence", EstimatorKind::sampleRate, e -> e.low().confidenceSequence()),
    PPI("PPI, power-tuned", e -> e.low().ppi().estimate(), e -> e.low().ppi().interval()),
    PPI_CORRECTED("PPI, small-rate corrected", e -> e.low().ppi().estimate(), e -> e.low().ppiCorrected()),
    PPI_LAM1("PPI, lam = 1", e -> e.low().lam1().estimate(), e -> e.low().lam1().interval()),
    PPI_BRACKET("PPI bracket [y_low, y_high]",
            e -> (e.low().ppi().estimate() + e.high().ppi().estimate()) / 2,
            e -> new Interval(e.low().ppi().lower(), e.high().ppi().upper()));

    private final String label;
    private final ToDoubleFunction<Estimates> point;
    private final Function<Estimates, Interval> interval;

    EstimatorKind(String label, ToDoubleFunction<Estimates> point, Function<Estimates, Interval> interval) {
        this.label = label;
        this.point = point;
        this.interval = interval;
    }

    public String label() {
        return label;
    }

    public double point(Estimates e) {
        return point.applyAsDouble(e);
    }

    /** The nominal 1 - alpha interval, or null for an estimator that has none. */
    public Interval interval(Estimates e) {
        return interval.apply(e);
    }

    /** positives / labelled: the point the binomial intervals are centred on. */
    private static double sampleRate(Estimates e) {
        return e.low().labelsOnly().sampleRate();
    }
}
