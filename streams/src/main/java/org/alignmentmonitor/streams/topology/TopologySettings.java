package org.alignmentmonitor.streams.topology;

import java.time.Duration;

import org.alignmentmonitor.alerts.RuleFile;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.streams.judging.JudgingSettings;
import org.alignmentmonitor.streams.rates.RateSettings;
import org.alignmentmonitor.streams.review.SamplingSettings;

/**
 * Tunables of the monitor topology.
 *
 * @param dedupHorizon  how long an interaction id is remembered: log shippers deliver at least once
 * @param bucketSize    length of a statistics bucket in event time
 * @param flushInterval how often per-task partial statistics are pushed to the merged store
 * @param classifiers   the classifier suite applied to every interaction
 * @param sampling      which interactions go to human review
 * @param rates         label horizon, rollup retention and the published rolling windows
 * @param alertRules    rules evaluated on every published rate; their windows must be among {@code rates.windows()}
 * @param judging       which interactions go to the asynchronous judges
 */
public record TopologySettings(Duration dedupHorizon, Duration bucketSize, Duration flushInterval,
                               ClassifierSuite classifiers, SamplingSettings sampling, RateSettings rates, RuleFile alertRules,
                               JudgingSettings judging) {

    public TopologySettings {
        requirePositive("dedup horizon", dedupHorizon);
        requirePositive("bucket size", bucketSize);
        requirePositive("flush interval", flushInterval);
        if (Duration.ofHours(1).toMillis() % bucketSize.toMillis() != 0) {
            throw new IllegalArgumentException("bucket size must divide an hour evenly, got " + bucketSize);
        }
    }

    public static TopologySettings defaults(ClassifierSuite classifiers) {
        return new TopologySettings(Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofSeconds(1), classifiers,
                SamplingSettings.defaults("alignment-monitor", 1), RateSettings.defaults(), RuleFile.NONE, JudgingSettings.OFF);
    }

    public TopologySettings withJudging(JudgingSettings newJudging) {
        return new TopologySettings(dedupHorizon, bucketSize, flushInterval, classifiers, sampling, rates, alertRules, newJudging);
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
