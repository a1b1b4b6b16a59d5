package org.alignmentmonitor.monitor.export;

import java.time.Instant;
import java.util.List;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.LabelSums;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;

/**
 * One stored bucket (or hour/day rollup) of an export: the power sums the API merges for a window. Summing the rows
 * of an export in file order gives the API's merged statistics exactly, so every estimate can be recomputed.
 */
public record BucketRow(String model, String version, long bucketStart, long bucketMillis, long interactions, long flagged,
                        double scoreSum, double scoreSumSquares, long misaligned, long aligned, long ambiguous,
                        Sums low, Sums high) {

    /** Label sums for one outcome (low: ambiguous as aligned, high: ambiguous as misaligned); see BucketStats.avsc. */
    public record Sums(long labelled, long positives, double sumB, double sumC, double sumBB, double sumCC,
                       double sumAB, double sumAC, double sumBC) {

        static Sums of(LabelSums s) {
            return new Sums(s.getLabelled(), s.getPositives(), s.getSumB(), s.getSumC(), s.getSumBB(), s.getSumCC(),
                    s.getSumAB(), s.getSumAC(), s.getSumBC());
        }

        LabelSums toAvro() {
            return LabelSums.newBuilder().setLabelled(labelled).setPositives(positives).setSumB(sumB).setSumC(sumC)
                    .setSumBB(sumBB).setSumCC(sumCC).setSumAB(sumAB).setSumAC(sumAC).setSumBC(sumBC).build();
        }
    }

    static final List<String> CSV_HEADER = List.of("model", "version", "bucketStart", "bucketMillis", "interactions", "flagged",
            "scoreSum", "scoreSumSquares", "misaligned", "aligned", "ambiguous",
            "low.labelled", "low.positives", "low.sumB", "low.sumC", "low.sumBB", "low.sumCC", "low.sumAB", "low.sumAC", "low.sumBC",
            "high.labelled", "high.positives", "high.sumB", "high.sumC", "high.sumBB", "high.sumCC", "high.sumAB", "high.sumAC", "high.sumBC");

    public static BucketRow of(BucketStats s) {
        return new BucketRow(s.getModel(), s.getVersion(), s.getBucketStart().toEpochMilli(), s.getBucketMillis(), s.getInteractions(),
                s.getFlagged(), s.getScoreSum(), s.getScoreSumSquares(), s.getMisaligned(), s.getAligned(), s.getAmbiguous(),
                Sums.of(s.getLow()), Sums.of(s.getHigh()));
    }

    /** The statistics this row carries (event-time range, categories and judges are not exported). */
    public BucketStats toStats() {
        BucketStats s = BucketStatsMath.empty(new BucketKey(model, version, bucketStart), bucketMillis);
        s.setInteractions(interactions);
        s.setFlagged(flagged);
        s.setScoreSum(scoreSum);
        s.setScoreSumSquares(scoreSumSquares);
        s.setMisaligned(misaligned);
        s.setAligned(aligned);
        s.setAmbiguous(ambiguous);
        s.setLow(low.toAvro());
        s.setHigh(high.toAvro());
        s.setMinEventTime(Instant.ofEpochMilli(bucketStart));
        s.setMaxEventTime(Instant.ofEpochMilli(bucketStart + bucketMillis - 1));
        return s;
    }

    /** The exact sum of rows, in order: what the API merged for the window. */
    public static BucketStats sum(List<BucketRow> rows) {
        BucketStats total = BucketStatsMath.empty(new BucketKey("", "", 0), 0);
        rows.forEach(r -> BucketStatsMath.mergeInto(total, r.toStats()));
        return total;
    }

    List<Object> csvCells() {
        return List.of(model, version, bucketStart, bucketMillis, interactions, flagged, scoreSum, scoreSumSquares, misaligned, aligned,
                ambiguous, low.labelled, low.positives, low.sumB, low.sumC, low.sumBB, low.sumCC, low.sumAB, low.sumAC, low.sumBC,
                high.labelled, high.positives, high.sumB, high.sumC, high.sumBB, high.sumCC, high.sumAB, high.sumAC, high.sumBC);
    }
}
