package org.alignmentmonitor.review.quality;

import java.util.Map;

/** Labels given (first label per item and labeller) in the last hour and day, overall and per labeller. */
public record Throughput(long lastHour, long lastDay, Map<String, Long> lastDayByLabeller) {

    public Throughput {
        lastDayByLabeller = Map.copyOf(lastDayByLabeller);
    }
}
