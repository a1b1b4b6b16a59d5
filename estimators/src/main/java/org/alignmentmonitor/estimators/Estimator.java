package org.alignmentmonitor.estimators;

/** Computes {@link Estimates} from one (merged) {@link BucketEstimatorState}. */
public final class Estimator {

    private Estimator() {}

    public static Estimates estimate(BucketEstimatorState state) {
        return estimate(state, EstimationOptions.DEFAULT);
    }

    public static Estimates estimate(BucketEstimatorState state, EstimationOptions options) {
        ScoreMoments s = state.scores();
        long n = s.count();
        Estimates.ClassifierOnly classifierOnly = new Estimates.ClassifierOnly(
                n == 0 ? Double.NaN : s.mean(),
                Math.sqrt(s.varianceSample()),
                state.flagged(),
                n == 0 ? Double.NaN : (double) state.flagged() / n);
        return new Estimates(options.alpha(), n, state.labelled(), classifierOnly,
                outcome(state.low(), options), outcome(state.high(), options));
    }

    static Estimates.Outcome outcome(LabelledStats stats, EstimationOptions o) {
        double alpha = o.alpha();
        long labelled = stats.labelled();
        long positives = stats.positives();
        Estimates.LabelsOnly labelsOnly = new Estimates.LabelsOnly(labelled, positives,
                stats.ipwRate(),
                labelled == 0 ? Double.NaN : (double) positives / labelled,
                Wilson.interval(positives, labelled, alpha),
                ClopperPearson.interval(positives, labelled, alpha),
                ClopperPearson.upper(positives, labelled, alpha));
        CoMoments m = stats.moments();
        double zeroFailure = positives == 0 ? ZeroFailure.bound(labelled, alpha) : Double.NaN;
        PpiEstimate ppi = ActiveInference.tuned(m, alpha);
        return new Estimates.Outcome(labelsOnly,
                ppi,
                ActiveInference.estimate(m, 0.0, alpha),
                ActiveInference.estimate(m, 1.0, alpha),
                zeroFailure,
                BetaBinomialConfidenceSequence.interval(positives, labelled, o.csPriorA(), o.csPriorB(), alpha),
                EffectiveSampleInterval.interval(ppi, labelled, alpha));
    }
}
