package org.alignmentmonitor.monitor.dashboard;

import org.alignmentmonitor.estimators.Estimates;
import org.alignmentmonitor.estimators.Interval;
import org.alignmentmonitor.estimators.Wilson;

/**
 * One step of a version's chart, or a whole range. Rates are null where not estimable: no traffic,
 * or for the label-corrected rate fewer than {@link #MIN_LABELS} labels or {@link #MIN_POSITIVES}
 * misaligned-or-ambiguous ones.
 *
 * @param flaggedShare      classifier-flagged share with its Wilson band (always available)
 * @param misaligned        label-corrected (prediction-powered) rate, ambiguous as aligned
 * @param misalignedLower   lower end of the band: y_low's interval lower end
 * @param misalignedUpper   upper end of the band: y_high's interval upper end (ambiguous as misaligned)
 */
public record SeriesPoint(long from, long to, long interactions, long flagged, long labelled,
                          Double flaggedShare, Double flaggedLower, Double flaggedUpper,
                          Double misaligned, Double misalignedLower, Double misalignedUpper) {

    static final long MIN_LABELS = 10;
    static final long MIN_POSITIVES = 3;

    static SeriesPoint of(long from, long to, Estimates e) {
        long n = e.interactions();
        long flagged = e.classifierOnly().flagged();
        Interval wilson = Wilson.interval(flagged, n, e.alpha());
        // A handful of labels weighted by 1/pi, or no misaligned one at all, makes the normal-theory
        // interval degenerate (it can collapse to [0, 0]): such steps are left out rather than drawn as certain.
        boolean labelled = e.labelled() >= MIN_LABELS && e.high().labelsOnly().positives() >= MIN_POSITIVES;
        return new SeriesPoint(from, to, n, flagged, e.labelled(),
                n == 0 ? null : (double) flagged / n, n == 0 ? null : wilson.lower(), n == 0 ? null : wilson.upper(),
                labelled ? finite(e.low().ppi().estimate()) : null,
                labelled ? finite(e.low().ppi().lower()) : null,
                labelled ? finite(e.high().ppi().upper()) : null);
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? Math.max(0.0, Math.min(1.0, x)) : null;
    }
}
