package org.alignmentmonitor.streams.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.JudgeTally;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.avro.Verdict;

/**
 * Adding verdicts to bucket statistics and merging buckets. Every field is a sum, a min or a max,
 * so merging is exact, associative and commutative: a window is the merge of its buckets.
 */
public final class BucketStatsMath {

    private BucketStatsMath() {
    }

    public static BucketStats empty(BucketKey key, long bucketMillis) {
        return BucketStats.newBuilder()
                .setModel(key.model())
                .setVersion(key.version())
                .setBucketStart(Instant.ofEpochMilli(key.bucketStart()))
                .setBucketMillis(bucketMillis)
                .setInteractions(0)
                .setFlagged(0)
                .setScoreSum(0)
                .setScoreSumSquares(0)
                .setFlaggedByCategory(new HashMap<>())
                .setFlaggedByClassifier(new HashMap<>())
                .setClassifierConfigVersions(new ArrayList<>())
                .setMinEventTime(Instant.ofEpochMilli(Long.MAX_VALUE / 2))
                .setMaxEventTime(Instant.ofEpochMilli(0))
                .setMisaligned(0)
                .setAligned(0)
                .setAmbiguous(0)
                .setLow(LabelSumsMath.empty())
                .setHigh(LabelSumsMath.empty())
                .setJudges(new HashMap<>())
                .build();
    }

    /** Adds one verdict to {@code stats} in place and returns it. */
    public static BucketStats add(BucketStats stats, Verdict verdict) {
        stats.setInteractions(stats.getInteractions() + 1);
        double score = verdict.getScore();
        stats.setScoreSum(stats.getScoreSum() + score);
        stats.setScoreSumSquares(stats.getScoreSumSquares() + score * score);
        if (verdict.getFlagged()) {
            stats.setFlagged(stats.getFlagged() + 1);
        }
        for (ClassifierResult result : verdict.getResults()) {
            if (result.getStatus() == ScoreStatus.SCORED && result.getFlagged()) {
                stats.getFlaggedByClassifier().merge(result.getClassifierId(), 1L, Long::sum);
                for (String category : result.getCategories()) {
                    stats.getFlaggedByCategory().merge(category, 1L, Long::sum);
                }
            }
        }
        addVersion(stats.getClassifierConfigVersions(), verdict.getClassifierConfigVersion());
        long eventTime = verdict.getEventTime().toEpochMilli();
        if (eventTime < stats.getMinEventTime().toEpochMilli()) {
            stats.setMinEventTime(verdict.getEventTime());
        }
        if (eventTime > stats.getMaxEventTime().toEpochMilli()) {
            stats.setMaxEventTime(verdict.getEventTime());
        }
        return stats;
    }

    /** Merges {@code other} into {@code into} in place and returns {@code into}. */
    public static BucketStats mergeInto(BucketStats into, BucketStats other) {
        into.setInteractions(into.getInteractions() + other.getInteractions());
        into.setFlagged(into.getFlagged() + other.getFlagged());
        into.setScoreSum(into.getScoreSum() + other.getScoreSum());
        into.setScoreSumSquares(into.getScoreSumSquares() + other.getScoreSumSquares());
        mergeCounts(into.getFlaggedByCategory(), other.getFlaggedByCategory());
        mergeCounts(into.getFlaggedByClassifier(), other.getFlaggedByClassifier());
        for (String version : other.getClassifierConfigVersions()) {
            addVersion(into.getClassifierConfigVersions(), version);
        }
        if (other.getMinEventTime().isBefore(into.getMinEventTime())) {
            into.setMinEventTime(other.getMinEventTime());
        }
        if (other.getMaxEventTime().isAfter(into.getMaxEventTime())) {
            into.setMaxEventTime(other.getMaxEventTime());
        }
        into.setMisaligned(into.getMisaligned() + other.getMisaligned());
        into.setAligned(into.getAligned() + other.getAligned());
        into.setAmbiguous(into.getAmbiguous() + other.getAmbiguous());
        LabelSumsMath.addInto(into.getLow(), other.getLow(), 1);
        LabelSumsMath.addInto(into.getHigh(), other.getHigh(), 1);
        other.getJudges().forEach((judge, tally) -> into.getJudges().merge(judge, copy(tally), BucketStatsMath::addTally));
        return into;
    }

    /**
     * What changing an interaction's effective label from {@code previous} (null: never labelled)
     * to {@code current} adds to its bucket: the new label's contribution minus the old one's.
     * Only sums change, so the delta merges like any partial, whenever it arrives.
     */
    public static BucketStats labelDelta(BucketKey key, long bucketMillis, double score, double pi,
                                         LabelValue previous, LabelValue current) {
        BucketStats delta = empty(key, bucketMillis);
        if (previous != null) {
            addLabel(delta, score, pi, previous, -1);
        }
        addLabel(delta, score, pi, current, 1);
        return delta;
    }

    private static void addLabel(BucketStats stats, double score, double pi, LabelValue label, int sign) {
        switch (label) {
            case MISALIGNED -> stats.setMisaligned(stats.getMisaligned() + sign);
            case ALIGNED -> stats.setAligned(stats.getAligned() + sign);
            case AMBIGUOUS -> stats.setAmbiguous(stats.getAmbiguous() + sign);
        }
        LabelSumsMath.addInto(stats.getLow(), LabelSumsMath.of(score, label == LabelValue.MISALIGNED ? 1 : 0, pi), sign);
        LabelSumsMath.addInto(stats.getHigh(), LabelSumsMath.of(score, label == LabelValue.ALIGNED ? 0 : 1, pi), sign);
    }

    private static JudgeTally copy(JudgeTally tally) {
        return new JudgeTally(tally.getScored(), tally.getFlagged(), tally.getScoreSum(), tally.getUnscored());
    }

    private static JudgeTally addTally(JudgeTally into, JudgeTally other) {
        into.setScored(into.getScored() + other.getScored());
        into.setFlagged(into.getFlagged() + other.getFlagged());
        into.setScoreSum(into.getScoreSum() + other.getScoreSum());
        into.setUnscored(into.getUnscored() + other.getUnscored());
        return into;
    }

    private static void mergeCounts(Map<String, Long> into, Map<String, Long> other) {
        other.forEach((k, v) -> into.merge(k, v, Long::sum));
    }

    private static void addVersion(List<String> versions, String version) {
        if (version != null && !version.isEmpty() && !versions.contains(version)) {
            versions.add(version);
        }
    }
}
