package org.alignmentmonitor.monitor.estimate;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.alignmentmonitor.estimators.BucketEstimatorState;
import org.alignmentmonitor.estimators.Estimates;
import org.alignmentmonitor.estimators.Interval;
import org.alignmentmonitor.estimators.Normal;
import org.alignmentmonitor.estimators.PpiEstimate;
import org.alignmentmonitor.monitor.certificates.BoundDecision;

/**
 * What {@code ./monitor estimate} prints: each estimator for y_low (ambiguous as aligned, the lower
 * bound of the rate) and y_high (ambiguous as misaligned, the upper bound).
 */
public record AuditReport(
        double alpha,
        long interactions,
        long labelled,
        Counts counts,
        Bounds<LabelCounts> labels,
        @JsonProperty("classifier_only") ClassifierOnly classifierOnly,
        @JsonProperty("labels_only") Bounds<LabelsOnly> labelsOnly,
        Bounds<Ppi> ppi,
        @JsonProperty("confidence_sequence") Bounds<Interval> confidenceSequence,
        @JsonProperty("zero_failure_bound") Bounds<Double> zeroFailureBound,
        Bounds<Double> lambda,
        @JsonProperty("ppi_corrected") Bounds<Interval> ppiCorrected) {

    /** The same figure for y_low and y_high. */
    public record Bounds<T>(@JsonProperty("y_low") T low, @JsonProperty("y_high") T high) {
    }

    /** The window's counts, as a rate certificate states them. */
    public record Counts(long flagged, long misaligned, long aligned, long ambiguous) {
    }

    /**
     * Labels behind one bound: what a certificate's figures rest on. {@code effective_labels} is n* of the small-rate
     * corrected PPI interval (the labels themselves when the estimate carries no variance information).
     */
    public record LabelCounts(long labelled, long positives, @JsonProperty("effective_labels") double effectiveLabels) {
    }

    /** Mean classifier score with a normal interval, and the flagged share: biased, shown because it is free. */
    public record ClassifierOnly(double estimate, double lower, double upper, @JsonProperty("flagged_share") double flaggedShare) {
    }

    /**
     * Labels only: the inverse-probability-weighted estimate with its interval (lambda = 0), plus
     * binomial intervals on the reviewed sample (exact under uniform inclusion probabilities).
     */
    public record LabelsOnly(double estimate, double lower, double upper, Interval wilson,
                             @JsonProperty("clopper_pearson") Interval clopperPearson) {
    }

    /** Prediction-powered (active inference) estimate with power-tuned lambda. */
    public record Ppi(double estimate, double lower, double upper, double se) {
    }

    public static AuditReport of(Estimates e, BucketEstimatorState state) {
        Estimates.ClassifierOnly c = e.classifierOnly();
        double halfWidth = Normal.twoSidedCritical(e.alpha()) * c.scoreSd() / Math.sqrt(e.interactions());
        ClassifierOnly classifier = new ClassifierOnly(c.meanScore(), Math.max(0, c.meanScore() - halfWidth),
                Math.min(1, c.meanScore() + halfWidth), c.flaggedShare());
        return new AuditReport(e.alpha(), e.interactions(), e.labelled(),
                new Counts(state.flagged(), state.misaligned(), state.aligned(), state.ambiguous()),
                new Bounds<>(labelCounts(e.low()), labelCounts(e.high())), classifier,
                new Bounds<>(labelsOnly(e.low()), labelsOnly(e.high())),
                new Bounds<>(ppi(e.low().ppi()), ppi(e.high().ppi())),
                new Bounds<>(e.low().confidenceSequence(), e.high().confidenceSequence()),
                new Bounds<>(e.low().zeroFailureBound(), e.high().zeroFailureBound()),
                new Bounds<>(e.low().ppi().lam(), e.high().ppi().lam()),
                new Bounds<>(e.low().ppiCorrected(), e.high().ppiCorrected()));
    }

    private static LabelCounts labelCounts(Estimates.Outcome o) {
        return new LabelCounts(o.labelsOnly().labelled(), o.labelsOnly().positives(), BoundDecision.ppiEffectiveLabels(o));
    }

    private static LabelsOnly labelsOnly(Estimates.Outcome o) {
        PpiEstimate weighted = o.lam0();
        return new LabelsOnly(weighted.estimate(), weighted.lower(), weighted.upper(),
                o.labelsOnly().wilson(), o.labelsOnly().clopperPearson());
    }

    private static Ppi ppi(PpiEstimate p) {
        return new Ppi(p.estimate(), p.lower(), p.upper(), p.se());
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("interactions %d, labelled %d, alpha %.3f%n", interactions, labelled, alpha));
        row(sb, "", "y_low (ambiguous=aligned)", "y_high (ambiguous=misaligned)");
        String classifier = range(classifierOnly.estimate(), classifierOnly.lower(), classifierOnly.upper());
        row(sb, "classifier only", classifier, classifier);
        row(sb, "labels only (IPW)", range(labelsOnly.low().estimate(), labelsOnly.low().lower(), labelsOnly.low().upper()),
                range(labelsOnly.high().estimate(), labelsOnly.high().lower(), labelsOnly.high().upper()));
        row(sb, "prediction-powered", range(ppi.low().estimate(), ppi.low().lower(), ppi.low().upper()),
                range(ppi.high().estimate(), ppi.high().lower(), ppi.high().upper()));
        row(sb, "PPI, small-rate corr.", range(Double.NaN, ppiCorrected.low().lower(), ppiCorrected.low().upper()),
                range(Double.NaN, ppiCorrected.high().lower(), ppiCorrected.high().upper()));
        row(sb, "confidence sequence", range(Double.NaN, confidenceSequence.low().lower(), confidenceSequence.low().upper()),
                range(Double.NaN, confidenceSequence.high().lower(), confidenceSequence.high().upper()));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, String low, String high) {
        sb.append(String.format("%-22s %-30s %-30s%n", name, low, high));
    }

    private static String range(double estimate, double lower, double upper) {
        String interval = String.format("[%.4f, %.4f]", lower, upper);
        return Double.isNaN(estimate) ? interval : String.format("%.4f %s", estimate, interval);
    }
}
