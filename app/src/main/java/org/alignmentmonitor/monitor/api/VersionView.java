package org.alignmentmonitor.monitor.api;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.streams.stats.WilsonInterval;

/** One model version known to the monitor, with its all-time counts. */
public record VersionView(String model, String version, long interactions, long flagged, double flaggedRate,
                          RateView.Interval wilson95, String firstEventTime, String lastEventTime) {

    static VersionView of(BucketStats totals) {
        long n = totals.getInteractions();
        WilsonInterval wilson = WilsonInterval.of95(totals.getFlagged(), n);
        return new VersionView(totals.getModel(), totals.getVersion(), n, totals.getFlagged(),
                n == 0 ? 0.0 : (double) totals.getFlagged() / n, new RateView.Interval(wilson.lower(), wilson.upper()),
                totals.getMinEventTime().toString(), totals.getMaxEventTime().toString());
    }
}
