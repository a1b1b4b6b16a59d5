package org.alignmentmonitor.monitor.api;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.estimators.Interval;
import org.alignmentmonitor.estimators.Wilson;

/** One model version known to the monitor, with its all-time counts and the Wilson interval of its flagged share. */
public record VersionView(String model, String version, long interactions, long flagged, double flaggedRate,
                          Interval wilson95, String firstEventTime, String lastEventTime) {

    static VersionView of(BucketStats totals) {
        long n = totals.getInteractions();
        return new VersionView(totals.getModel(), totals.getVersion(), n, totals.getFlagged(),
                n == 0 ? 0.0 : (double) totals.getFlagged() / n, Wilson.interval(totals.getFlagged(), n, 0.05),
                totals.getMinEventTime().toString(), totals.getMaxEventTime().toString());
    }
}
