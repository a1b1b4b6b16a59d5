package org.alignmentmonitor.streams.topology;

import java.time.Duration;

import org.alignmentmonitor.classifiers.ClassifierSuite;

/**
 * Tunables of the monitor topology.
 *
 * @param dedupHorizon  how long an interaction id is remembered: log shippers deliver at least once
 * @param bucketSize    length of a statistics bucket in event time
 * @param flushInterval how often per-task partial statistics are pushed to the merged store
 * @param classifiers   the classifier suite applied to every interaction
 */
public record TopologySettings(Duration dedupHorizon, Duration bucketSize, Duration flushInterval,
                               ClassifierSuite classifiers) {

    public TopologySettings {
        requirePositive("dedup horizon", dedupHorizon);
        requirePositive("bucket size", bucketSize);
        requirePositive("flush interval", flushInterval);
        if (Duration.ofDays(1).toMillis() % bucketSize.toMillis() != 0) {
            throw new IllegalArgumentException("bucket size must divide a day evenly, got " + bucketSize);
        }
    }

    public static TopologySettings defaults(ClassifierSuite classifiers) {
        return new TopologySettings(Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofSeconds(1), classifiers);
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
