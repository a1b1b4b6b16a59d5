package org.alignmentmonitor.monitor.cli;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.monitor.runtime.TerminalText;
import org.alignmentmonitor.streams.query.StatsStores;
import org.alignmentmonitor.estimators.Interval;
import org.alignmentmonitor.estimators.Wilson;

/** The demo's per-version table: the last five minutes and all time, each with a 95% Wilson interval. */
final class LiveTable {

    private static final long RECENT_MS = Duration.ofMinutes(5).toMillis();

    private final StatsStores stores;

    LiveTable(StatsStores stores) {
        this.stores = stores;
    }

    String render(long nowMillis) {
        List<BucketStats> versions = stores.localVersionTotals().stream()
                .sorted(Comparator.comparing(BucketStats::getModel).thenComparing(BucketStats::getVersion))
                .toList();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-22s | %-38s | %-38s%n", "MODEL:VERSION", "LAST 5 MIN  n  flagged  rate  [95% CI]", "ALL TIME  n  flagged  rate  [95% CI]"));
        for (BucketStats total : versions) {
            BucketStats recent = stores.localWindow(total.getModel(), total.getVersion(), nowMillis - RECENT_MS, nowMillis + 60_000).merged().orElse(null);
            sb.append(String.format("%-22s | %s | %s%n", TerminalText.safe(total.getModel() + ":" + total.getVersion()), cell(recent), cell(total)));
        }
        if (versions.isEmpty()) {
            sb.append("(no statistics yet)\n");
        }
        return sb.toString();
    }

    private static String cell(BucketStats stats) {
        long n = stats == null ? 0 : stats.getInteractions();
        long flagged = stats == null ? 0 : stats.getFlagged();
        Interval ci = Wilson.interval(flagged, n, 0.05);
        return String.format("%7d %6d %6.2f%% [%5.2f%%, %5.2f%%]", n, flagged, n == 0 ? 0.0 : 100.0 * flagged / n,
                100 * ci.lower(), 100 * ci.upper());
    }
}
