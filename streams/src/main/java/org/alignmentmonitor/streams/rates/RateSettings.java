package org.alignmentmonitor.streams.rates;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.alignmentmonitor.estimators.EstimationOptions;

/**
 * How rates are kept and published.
 *
 * @param labelHorizon    how late a label may arrive and still update its interaction's bucket
 * @param bucketRetention how long the finest buckets are kept before only hour and day rollups remain
 * @param hourRetention   how long hour rollups are kept before only days remain
 * @param publishInterval how often the rates topic gets fresh estimates of the versions that changed
 * @param windows         rolling windows published, by name ("5m" -> 5 minutes)
 * @param estimation      interval level and confidence-sequence prior
 */
public record RateSettings(Duration labelHorizon, Duration bucketRetention, Duration hourRetention,
                           Duration publishInterval, Map<String, Duration> windows, EstimationOptions estimation) {

    public RateSettings {
        windows = Map.copyOf(windows);
        if (bucketRetention.compareTo(Duration.ofHours(1)) < 0 || hourRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("bucket retention must be >= 1h and hour retention >= 1d");
        }
        if (publishInterval.isNegative() || publishInterval.isZero() || labelHorizon.isNegative() || labelHorizon.isZero()) {
            throw new IllegalArgumentException("publish interval and label horizon must be positive");
        }
    }

    /** These settings with further windows (for example those alert rules read), named like "1m", "6h". */
    public RateSettings withWindows(Iterable<Duration> extra) {
        Map<String, Duration> all = new LinkedHashMap<>(windows);
        for (Duration d : extra) {
            all.putIfAbsent(name(d), d);
        }
        return new RateSettings(labelHorizon, bucketRetention, hourRetention, publishInterval, all, estimation);
    }

    static String name(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    public static RateSettings defaults() {
        Map<String, Duration> windows = new LinkedHashMap<>();
        windows.put("5m", Duration.ofMinutes(5));
        windows.put("1h", Duration.ofHours(1));
        windows.put("24h", Duration.ofHours(24));
        return new RateSettings(Duration.ofDays(30), Duration.ofDays(2), Duration.ofDays(90), Duration.ofSeconds(5),
                windows, EstimationOptions.DEFAULT);
    }
}
