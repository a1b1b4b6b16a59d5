package org.alignmentmonitor.monitor.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.streams.stats.WilsonInterval;

/** The JSON shape of a version's flagged rate over a window. */
public record RateView(
        String model,
        String version,
        String from,
        String to,
        long interactions,
        long flagged,
        double flaggedRate,
        Interval wilson95,
        double meanScore,
        Map<String, Long> flaggedByCategory,
        Map<String, Long> flaggedByClassifier,
        List<String> classifierConfigVersions,
        String firstEventTime,
        String lastEventTime) {

    public record Interval(double lower, double upper) {
    }

    static RateView of(String model, String version, long fromMs, long toMs, BucketStats stats) {
        long n = stats == null ? 0 : stats.getInteractions();
        long flagged = stats == null ? 0 : stats.getFlagged();
        WilsonInterval wilson = WilsonInterval.of95(flagged, n);
        return new RateView(model, version, Instant.ofEpochMilli(fromMs).toString(), Instant.ofEpochMilli(toMs).toString(),
                n, flagged, n == 0 ? 0.0 : (double) flagged / n, new Interval(wilson.lower(), wilson.upper()),
                n == 0 ? 0.0 : stats.getScoreSum() / n,
                stats == null ? Map.of() : new TreeMap<>(stats.getFlaggedByCategory()),
                stats == null ? Map.of() : new TreeMap<>(stats.getFlaggedByClassifier()),
                stats == null ? List.of() : List.copyOf(stats.getClassifierConfigVersions()),
                n == 0 ? null : stats.getMinEventTime().toString(),
                n == 0 ? null : stats.getMaxEventTime().toString());
    }
}
