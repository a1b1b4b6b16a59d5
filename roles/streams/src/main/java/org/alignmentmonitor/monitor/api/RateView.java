package org.alignmentmonitor.monitor.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.estimators.Estimates;
import org.alignmentmonitor.estimators.Estimator;
import org.alignmentmonitor.streams.query.StatsStores;
import org.alignmentmonitor.streams.rates.EstimatorInputs;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;

/**
 * The JSON shape of a version's rates over a window: counts, the classifier versions involved and
 * every estimator side by side ({@code estimates.low} counts AMBIGUOUS as aligned, {@code .high}
 * as misaligned: the lower and upper bound of the obviously-misaligned rate), and what each
 * asynchronous judge made of the window's interactions.
 *
 * @param from the window actually answered: wider than asked where only hour or day rollups are kept
 */
public record RateView(
        String model,
        String version,
        String from,
        String to,
        long interactions,
        long flagged,
        long labelled,
        long misaligned,
        long aligned,
        long ambiguous,
        Map<String, Long> flaggedByCategory,
        Map<String, Long> flaggedByClassifier,
        List<String> classifierConfigVersions,
        String firstEventTime,
        String lastEventTime,
        Map<String, JudgeView> judges,
        Estimates estimates) {

    static RateView of(String model, String version, StatsStores.WindowAnswer answer, EstimationOptions options) {
        BucketStats stats = answer.merged().orElseGet(() -> BucketStatsMath.empty(new BucketKey(model, version, Math.max(0, answer.from())), 0));
        long n = stats.getInteractions();
        return new RateView(model, version, Instant.ofEpochMilli(answer.from()).toString(), Instant.ofEpochMilli(answer.to()).toString(),
                n, stats.getFlagged(), stats.getMisaligned() + stats.getAligned() + stats.getAmbiguous(),
                stats.getMisaligned(), stats.getAligned(), stats.getAmbiguous(),
                new TreeMap<>(stats.getFlaggedByCategory()), new TreeMap<>(stats.getFlaggedByClassifier()),
                List.copyOf(stats.getClassifierConfigVersions()),
                n == 0 ? null : stats.getMinEventTime().toString(),
                n == 0 ? null : stats.getMaxEventTime().toString(),
                judges(stats, options.alpha()),
                Estimator.estimate(EstimatorInputs.stateOf(stats), options));
    }

    private static Map<String, JudgeView> judges(BucketStats stats, double alpha) {
        Map<String, JudgeView> out = new TreeMap<>();
        stats.getJudges().forEach((id, tally) -> out.put(id, JudgeView.of(tally, alpha)));
        return out;
    }
}
