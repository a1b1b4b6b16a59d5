package org.alignmentmonitor.simulation;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.alignmentmonitor.estimators.EstimationOptions;

/**
 * Labels arrive one at a time, each an independent draw of the true rate (a uniform review sample),
 * and after every label two rules try to certify "rate < threshold": the anytime-valid
 * beta-binomial confidence sequence, and the fixed-n one-sided Clopper-Pearson bound re-checked
 * as if each look were the only one. At a true rate equal to the threshold every certificate is
 * false; below it, the time to the first certificate is the labelling cost.
 */
public final class SequentialCertification {

    /**
     * @param csCertifiedShare share of runs the confidence sequence certified within the horizon
     * @param cpCertifiedShare the same for the naive re-checked Clopper-Pearson bound
     * @param csMedianLabels   median labels to the sequence's first certificate (-1: beyond the horizon)
     * @param cpMedianLabels   the same for Clopper-Pearson
     */
    public record Result(double rate, double threshold, int runs, int horizon, long seed,
                         double csCertifiedShare, double cpCertifiedShare,
                         int csMedianLabels, int cpMedianLabels) {}

    private final CertificationBoundary sequence;
    private final CertificationBoundary naive;
    private final double threshold;

    public SequentialCertification(EstimationOptions options, double threshold, int horizon) {
        this.sequence = CertificationBoundary.confidenceSequence(options, threshold, horizon);
        this.naive = CertificationBoundary.clopperPearson(options.alpha(), threshold, horizon);
        this.threshold = threshold;
    }

    public Result run(double rate, int runs, long seed) {
        int[][] times = IntStream.range(0, runs).parallel()
                .mapToObj(r -> firstCertificates(rate, Seeds.random(seed, r)))
                .toArray(int[][]::new);
        int[] cs = certifiedSorted(times, 0);
        int[] cp = certifiedSorted(times, 1);
        return new Result(rate, threshold, runs, sequence.horizon(), seed,
                (double) cs.length / runs, (double) cp.length / runs,
                Medians.withNeverAsInfinite(cs, runs), Medians.withNeverAsInfinite(cp, runs));
    }

    /** Labels to the first certificate of the sequence and of the naive bound, -1 for never. */
    private int[] firstCertificates(double rate, SplittableRandom rng) {
        int csAt = -1;
        int cpAt = -1;
        long failures = 0;
        for (int t = 1; t <= sequence.horizon() && (csAt < 0 || cpAt < 0); t++) {
            failures += rng.nextDouble() < rate ? 1 : 0;
            if (csAt < 0 && sequence.certifies(failures, t)) {
                csAt = t;
            }
            if (cpAt < 0 && naive.certifies(failures, t)) {
                cpAt = t;
            }
        }
        return new int[] {csAt, cpAt};
    }

    private static int[] certifiedSorted(int[][] times, int column) {
        return Arrays.stream(times).mapToInt(t -> t[column]).filter(t -> t >= 0).sorted().toArray();
    }
}
