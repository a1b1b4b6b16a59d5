package org.alignmentmonitor.monitor.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.estimators.Estimator;
import org.alignmentmonitor.streams.query.StatsStores;
import org.alignmentmonitor.streams.rates.EstimatorInputs;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;

/** A version's chart over a range, each step an exact merge of its buckets and a fresh estimate. */
final class VersionSeries {

    /** Range name to how far back it reaches from a version's latest event. */
    static final Map<String, Duration> RANGES = Map.of("1h", Duration.ofHours(1), "24h", Duration.ofHours(24), "7d", Duration.ofDays(7));

    private VersionSeries() {
    }

    /** The whole range as one window: the steadier label-corrected figure. */
    static SeriesPoint total(StatsStores stores, BucketStats totals, String range) {
        long end = StatsStores.endOfLatestMinute(totals);
        return point(stores, totals, end - RANGES.get(range).toMillis(), end);
    }

    private static SeriesPoint point(StatsStores stores, BucketStats totals, long from, long to) {
        StatsStores.WindowAnswer answer = stores.localWindow(totals.getModel(), totals.getVersion(), from, to);
        BucketStats merged = answer.merged().orElseGet(() -> BucketStatsMath.empty(new BucketKey(totals.getModel(), totals.getVersion(), 0), to - from));
        return SeriesPoint.of(answer.from(), answer.to(), Estimator.estimate(EstimatorInputs.stateOf(merged), EstimationOptions.DEFAULT));
    }

    /** Step lengths a chart may use, shortest first: the first that fits {@link #MAX_POINTS} is taken. */
    private static final long[] NICE_STEPS_MS = {10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
        3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000};
    static final int MAX_POINTS = 60;

    /**
     * Steps over the part of the range the version actually has traffic in (from its first event,
     * at most the range back from its latest), oldest first: a version two minutes old gets a
     * two-minute chart with short steps, not a one-hour axis with the data squeezed into its end.
     */
    static List<SeriesPoint> of(StatsStores stores, BucketStats totals, String range) {
        long end = StatsStores.endOfLatestMinute(totals);
        long start = Math.max(end - RANGES.get(range).toMillis(), totals.getMinEventTime().toEpochMilli());
        long step = step(end - start, stores.bucketMillis());
        List<SeriesPoint> points = new ArrayList<>();
        for (long from = start - Math.floorMod(start, step); from < end; from += step) {
            points.add(point(stores, totals, from, from + step));
        }
        return points;
    }

    /** The shortest nice step, a whole number of buckets, giving at most {@link #MAX_POINTS} points over {@code span}. */
    static long step(long span, long bucketMs) {
        for (long step : NICE_STEPS_MS) {
            if (step >= bucketMs && step % bucketMs == 0 && span / step < MAX_POINTS) {
                return step;
            }
        }
        long days = NICE_STEPS_MS[NICE_STEPS_MS.length - 1];
        return Math.max(bucketMs, days * (span / days / MAX_POINTS + 1));
    }
}
