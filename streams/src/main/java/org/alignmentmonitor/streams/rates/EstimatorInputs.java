package org.alignmentmonitor.streams.rates;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.LabelSums;
import org.alignmentmonitor.estimators.BucketEstimatorState;
import org.alignmentmonitor.estimators.CoMoments;
import org.alignmentmonitor.estimators.LabelledStats;
import org.alignmentmonitor.estimators.ScoreMoments;

/** Turns a merged bucket's power sums into the estimators' state, centring once. */
public final class EstimatorInputs {

    private EstimatorInputs() {
    }

    public static BucketEstimatorState stateOf(BucketStats stats) {
        long n = stats.getInteractions();
        double sa = stats.getScoreSum();
        double saa = stats.getScoreSumSquares();
        return new BucketEstimatorState(ScoreMoments.fromPowerSums(n, sa, saa), stats.getFlagged(),
                stats.getMisaligned(), stats.getAligned(), stats.getAmbiguous(),
                outcome(n, sa, saa, stats.getLow()), outcome(n, sa, saa, stats.getHigh()));
    }

    private static LabelledStats outcome(long n, double sa, double saa, LabelSums s) {
        return new LabelledStats(s.getLabelled(), s.getPositives(), CoMoments.fromPowerSums(n, sa, s.getSumB(), s.getSumC(),
                saa, s.getSumBB(), s.getSumCC(), s.getSumAB(), s.getSumAC(), s.getSumBC()));
    }
}
