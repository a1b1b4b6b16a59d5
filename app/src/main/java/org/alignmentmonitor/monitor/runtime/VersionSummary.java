package org.alignmentmonitor.monitor.runtime;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.avro.BucketStats;

/** Stored all-time counts per model version plus dead-letter counts: what {@code replay} prints. */
public record VersionSummary(List<Row> versions, Map<String, Long> deadLetters) {

    public record Row(String model, String version, long interactions, long flagged, double flaggedRate) {
    }

    public static VersionSummary of(List<BucketStats> totals, Map<String, Long> deadLetters) {
        List<Row> rows = totals.stream()
                .map(t -> new Row(t.getModel(), t.getVersion(), t.getInteractions(), t.getFlagged(),
                        t.getInteractions() == 0 ? 0.0 : (double) t.getFlagged() / t.getInteractions()))
                .sorted(Comparator.comparing(Row::model).thenComparing(Row::version))
                .toList();
        return new VersionSummary(rows, deadLetters);
    }

    public long totalDeadLetters() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-36s %-28s %12s %9s %8s%n", "MODEL", "VERSION", "INTERACTIONS", "FLAGGED", "RATE"));
        for (Row r : versions) {
            sb.append(String.format("%-36s %-28s %12d %9d %7.2f%%%n", TerminalText.safe(r.model()), TerminalText.safe(r.version()), r.interactions(), r.flagged(), 100 * r.flaggedRate()));
        }
        sb.append(String.format("dead-letter records: %d", totalDeadLetters()));
        deadLetters.forEach((topic, n) -> {
            if (n > 0) {
                sb.append(String.format("%n  %-40s %d", topic, n));
            }
        });
        return sb.toString();
    }
}
