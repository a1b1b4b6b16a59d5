package org.alignmentmonitor.estimators;

/**
 * Everything the estimators need for one (model version, time bucket), as mergeable sums.
 *
 * <p>{@link #merge} is exact on the counts and Chan-style on the moments, so it is associative
 * and commutative up to rounding; any window is answered by merging its buckets and then
 * estimating once. Estimates, lambdas and intervals are never averaged across buckets.
 *
 * @param scores     all-traffic moments of the classifier score
 * @param flagged    interactions the classifier flagged
 * @param misaligned labels MISALIGNED
 * @param aligned    labels ALIGNED
 * @param ambiguous  labels AMBIGUOUS
 * @param low        outcome y_low (ambiguous counts as aligned)
 * @param high       outcome y_high (ambiguous counts as misaligned)
 */
public record BucketEstimatorState(ScoreMoments scores, long flagged,
                                   long misaligned, long aligned, long ambiguous,
                                   LabelledStats low, LabelledStats high) {

    public static final BucketEstimatorState EMPTY = new BucketEstimatorState(
            ScoreMoments.EMPTY, 0, 0, 0, 0, LabelledStats.EMPTY, LabelledStats.EMPTY);

    public static BucketEstimatorState empty() {
        return EMPTY;
    }

    /**
     * One interaction.
     *
     * @param score   classifier score in [0, 1]
     * @param flagged whether the classifier flagged it
     * @param label   the review verdict, or null when it was not reviewed
     * @param pi      the logged probability with which it was selected for review; only read
     *                when {@code label} is non-null, and then must be in (0, 1]
     */
    public BucketEstimatorState add(double score, boolean flagged, Label label, double pi) {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
        long f = this.flagged + (flagged ? 1 : 0);
        if (label == null) {
            return new BucketEstimatorState(scores.add(score), f, misaligned, aligned, ambiguous,
                    low.addUnlabelled(score), high.addUnlabelled(score));
        }
        return new BucketEstimatorState(scores.add(score), f,
                misaligned + (label == Label.MISALIGNED ? 1 : 0),
                aligned + (label == Label.ALIGNED ? 1 : 0),
                ambiguous + (label == Label.AMBIGUOUS ? 1 : 0),
                low.addLabelled(score, label.yLow(), pi),
                high.addLabelled(score, label.yHigh(), pi));
    }

    public BucketEstimatorState merge(BucketEstimatorState o) {
        return new BucketEstimatorState(scores.merge(o.scores), flagged + o.flagged,
                misaligned + o.misaligned, aligned + o.aligned, ambiguous + o.ambiguous,
                low.merge(o.low), high.merge(o.high));
    }

    public static BucketEstimatorState mergeAll(Iterable<BucketEstimatorState> states) {
        BucketEstimatorState acc = EMPTY;
        for (BucketEstimatorState s : states) {
            acc = acc.merge(s);
        }
        return acc;
    }

    public long interactions() {
        return scores.count();
    }

    public long labelled() {
        return misaligned + aligned + ambiguous;
    }
}
