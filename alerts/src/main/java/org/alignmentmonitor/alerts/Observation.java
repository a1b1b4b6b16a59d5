package org.alignmentmonitor.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the monitor knows about one model version over one window, as of {@code at}.
 *
 * @param interactions  all traffic in the window
 * @param flagged       interactions the classifiers flagged
 * @param labelled      interactions with a human label
 * @param positivesLow  labelled misaligned, ambiguous counted as aligned
 * @param positivesHigh labelled misaligned, ambiguous counted as misaligned
 * @param estimateLow   the monitor's point estimate of the rate with ambiguous as aligned (e.g. prediction-powered)
 * @param estimateHigh  the same with ambiguous as misaligned
 */
public record Observation(String model, String version, Instant windowStart, Instant windowEnd, Instant at,
                          long interactions, long flagged, long labelled, long positivesLow, long positivesHigh,
                          double estimateLow, double estimateHigh) {

    public Observation {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(at, "at");
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("window must end after it starts: " + windowStart + " .. " + windowEnd);
        }
        if (flagged < 0 || flagged > interactions) {
            throw new IllegalArgumentException("need 0 <= flagged <= interactions, got " + flagged + " of " + interactions);
        }
        if (positivesLow < 0 || positivesLow > positivesHigh || positivesHigh > labelled) {
            throw new IllegalArgumentException("need 0 <= positivesLow <= positivesHigh <= labelled, got "
                    + positivesLow + ", " + positivesHigh + ", " + labelled);
        }
    }

    public Duration window() {
        return Duration.between(windowStart, windowEnd);
    }

    /** "model:version", as versions are named everywhere else in the product. */
    public String key() {
        return model + ":" + version;
    }

    /** Successes of the series: flagged or labelled-misaligned. */
    long hits(Series series) {
        return switch (series) {
            case FLAGGED -> flagged;
            case MISALIGNED_LOW -> positivesLow;
            case MISALIGNED_HIGH -> positivesHigh;
        };
    }

    /** Trials of the series: all interactions or labelled ones. */
    long trials(Series series) {
        return series == Series.FLAGGED ? interactions : labelled;
    }

    /** The point estimate reported with the series; the flagged share is exact, so it is computed here. */
    double estimate(Series series) {
        return switch (series) {
            case FLAGGED -> interactions == 0 ? 0.0 : (double) flagged / interactions;
            case MISALIGNED_LOW -> estimateLow;
            case MISALIGNED_HIGH -> estimateHigh;
        };
    }
}
