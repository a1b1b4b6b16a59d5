package org.alignmentmonitor.monitor.certificates;

import org.alignmentmonitor.estimators.EffectiveSampleInterval;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.estimators.Estimates;
import org.alignmentmonitor.estimators.Interval;
import org.alignmentmonitor.estimators.BetaBinomialConfidenceSequence;

/**
 * The decision for one ambiguity bound (y_low or y_high): the interval of the chosen method against
 * the claimed bound. Certified when the whole 1 - alpha interval lies below the bound (so the
 * one-sided confidence is at least 1 - alpha/2); not certified when the estimate itself is at or
 * above the bound (more labels at this rate cannot help); otherwise not enough labels, with how many
 * more would certify if the rate stayed where it is.
 *
 * @param estimate          the method's point: the PPI estimate, or positives / labelled
 * @param effectiveLabels   labels the interval is worth (n* for the corrected PPI, the labels otherwise)
 * @param moreLabelsNeeded  0 unless the decision is not enough labels
 */
public record BoundDecision(Decision decision, long labelled, long positives, double estimate, double effectiveLabels,
                            double lower, double upper, long moreLabelsNeeded) {

    /** Projection stops here: beyond a billion labels the answer is "not in practice". */
    static final long MAX_LABELS = 1_000_000_000L;

    public static BoundDecision decide(Estimates.Outcome o, Method method, double bound, EstimationOptions options) {
        long labelled = o.labelsOnly().labelled();
        long positives = o.labelsOnly().positives();
        double estimate;
        double effective;
        Interval interval;
        switch (method) {
            case PPI_CORRECTED -> {
                estimate = o.ppi().estimate();
                effective = ppiEffectiveLabels(o);
                interval = o.ppiCorrected();
            }
            case EXACT -> {
                estimate = o.labelsOnly().sampleRate();
                effective = labelled;
                interval = o.labelsOnly().clopperPearson();
            }
            case CONFIDENCE_SEQUENCE -> {
                estimate = o.labelsOnly().sampleRate();
                effective = labelled;
                interval = o.confidenceSequence();
            }
            default -> throw new IllegalStateException(method.toString());
        }
        double rate = Double.isNaN(estimate) ? 0.0 : Math.max(0.0, Math.min(1.0, estimate));
        if (labelled > 0 && interval.upper() < bound) {
            return new BoundDecision(Decision.CERTIFIED, labelled, positives, estimate, effective,
                    interval.lower(), interval.upper(), 0);
        }
        if (labelled > 0 && rate >= bound) {
            return new BoundDecision(Decision.NOT_CERTIFIED, labelled, positives, estimate, effective,
                    interval.lower(), interval.upper(), 0);
        }
        double perLabel = labelled == 0 ? 1.0 : effective / labelled;
        long needed = labelsToCertify(method, rate, perLabel, bound, options);
        return new BoundDecision(Decision.NOT_ENOUGH_LABELS, labelled, positives, estimate, effective,
                interval.lower(), interval.upper(), Math.max(1, needed - labelled));
    }

    /** n* of the corrected PPI interval: what its labels are worth (0 without labels). */
    public static double ppiEffectiveLabels(Estimates.Outcome o) {
        long labelled = o.labelsOnly().labelled();
        return labelled == 0 ? 0 : EffectiveSampleInterval.effectiveSize(o.ppi(), labelled);
    }

    /**
     * The fewest labels L for which the method's upper end falls below the bound if the rate stays at
     * {@code rate} and each label is worth {@code perLabel} effective labels (the design effect
     * held fixed). Doubling then bisection: the upper end falls as L grows.
     */
    static long labelsToCertify(Method method, double rate, double perLabel, double bound, EstimationOptions o) {
        long hi = 1;
        while (!certifies(method, rate, perLabel, hi, bound, o)) {
            if (hi >= MAX_LABELS) {
                return MAX_LABELS;
            }
            hi *= 2;
        }
        long lo = hi / 2;
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (certifies(method, rate, perLabel, mid, bound, o)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static boolean certifies(Method method, double rate, double perLabel, long labels, double bound, EstimationOptions o) {
        double upper = method == Method.CONFIDENCE_SEQUENCE
                ? BetaBinomialConfidenceSequence.interval(Math.round(rate * labels), labels, o.csPriorA(), o.csPriorB(), o.alpha()).upper()
                : EffectiveSampleInterval.exact(rate, perLabel * labels, o.alpha()).upper();
        return upper < bound;
    }
}
