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

    /** Range name to (length, step). */
    static final Map<String, Duration[]> RANGES = Map.of(
            "1h", new Duration[] {Duration.ofHours(1), Duration.ofMinutes(1)},
            "24h", new Duration[] {Duration.ofHours(24), Duration.ofMinutes(30)},
            "7d", new Duration[] {Duration.ofDays(7), Duration.ofHours(3)});

    private VersionSeries() {
    }

    /** The whole range as one window: the steadier label-corrected figure. */
    static SeriesPoint total(StatsStores stores, BucketStats totals, String range) {
        long end = StatsStores.endOfLatestMinute(totals);
        return point(stores, totals, end - RANGES.get(range)[0].toMillis(), end);
    }

    private static SeriesPoint point(StatsStores stores, BucketStats totals, long from, long to) {
        StatsStores.WindowAnswer answer = stores.localWindow(totals.getModel(), totals.getVersion(), from, to);
        BucketStats merged = answer.merged().orElseGet(() -> BucketStatsMath.empty(new BucketKey(totals.getModel(), totals.getVersion(), 0), to - from));
        return SeriesPoint.of(answer.from(), answer.to(), Estimator.estimate(EstimatorInputs.stateOf(merged), EstimationOptions.DEFAULT));
    }

    /** Steps ending at the version's latest event (rounded up to a minute), oldest first. */
    static List<SeriesPoint> of(StatsStores stores, BucketStats totals, String range) {
        Duration[] spec = RANGES.get(range);
        long end = StatsStores.endOfLatestMinute(totals);
        long step = spec[1].toMillis();
        List<SeriesPoint> points = new ArrayList<>();
        for (long from = end - spec[0].toMillis(); from < end; from += step) {
            points.add(point(stores, totals, from, from + step));
        }
        return points;
    }
}
