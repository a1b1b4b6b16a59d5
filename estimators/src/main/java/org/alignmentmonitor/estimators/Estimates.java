package org.alignmentmonitor.estimators;

/**
 * Every estimator side by side for one merged window, for y_low and y_high.
 *
 * @param alpha          level used for every interval
 * @param interactions   N, all traffic in the window
 * @param labelled       labelled items among them
 * @param classifierOnly the cheap, biased view from scores and flags
 * @param low            estimates with ambiguous counted as aligned (lower bound of the rate)
 * @param high           estimates with ambiguous counted as misaligned (upper bound of the rate)
 */
public record Estimates(double alpha, long interactions, long labelled,
                        ClassifierOnly classifierOnly, Outcome low, Outcome high) {

    /** Classifier-only rate: mean score and share flagged. Biased; shown because it is free. */
    public record ClassifierOnly(double meanScore, double scoreSd, long flagged, double flaggedShare) {}

    /**
     * Labels-only rate.
     *
     * @param ipwRate        Horvitz-Thompson rate (1/N) sum xi*y/pi: unbiased under unequal pi
     * @param sampleRate     positives / labelled, the raw share among reviewed items
     * @param wilson         Wilson interval on positives of labelled (display)
     * @param clopperPearson Clopper-Pearson interval on positives of labelled (certification)
     * @param clopperPearsonUpper one-sided upper bound at level 1 - alpha
     *
     * <p>Wilson and Clopper-Pearson are binomial intervals on the raw counts: they describe the
     * rate of the reviewed sample and equal the traffic rate only when pi is uniform. With
     * unequal pi use the {@code lam0} active-inference interval, which carries the weights.
     */
    public record LabelsOnly(long labelled, long positives, double ipwRate, double sampleRate,
                             Interval wilson, Interval clopperPearson, double clopperPearsonUpper) {}

    /**
     * @param ppi                active-inference estimate with power-tuned lambda (the headline)
     * @param lam0               same form with lam = 0 (inverse-probability weighted, labels only)
     * @param lam1               same form with lam = 1 (plain prediction-powered)
     * @param zeroFailureBound   ln(1/alpha)/n when all n labels are clean, NaN once a failure is seen
     * @param confidenceSequence anytime-valid beta-binomial interval on positives of labelled
     * @param ppiCorrected       the small-rate interval around {@code ppi}: effective-sample-size
     *                           Clopper-Pearson ({@link EffectiveSampleInterval}); the fixed-window
     *                           interval certificates use, valid under any review design
     */
    public record Outcome(LabelsOnly labelsOnly, PpiEstimate ppi, PpiEstimate lam0, PpiEstimate lam1,
                          double zeroFailureBound, Interval confidenceSequence, Interval ppiCorrected) {}
}
