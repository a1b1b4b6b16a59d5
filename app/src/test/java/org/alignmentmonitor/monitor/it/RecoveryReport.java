package org.alignmentmonitor.monitor.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one fault run: how many faults were injected, what the counts lost or doubled, and
 * how long the monitor took after each restart to be RUNNING and to be back where it was.
 */
record RecoveryReport(String fault, int faults, CountDiff counts, List<Duration> toRunning, List<Duration> toProgress) {

    RecoveryReport {
        toRunning = List.copyOf(toRunning);
        toProgress = List.copyOf(toProgress);
    }

    String summary() {
        return String.format(Locale.ROOT, "%s: faults=%d lost=%d doubled=%d restart->RUNNING %s; restart->pre-fault progress %s",
                fault, faults, counts.lost(), counts.doubled(), spread(toRunning), spread(toProgress));
    }

    /** Appends the summary line to {@code file}, so the figures of several runs stay side by side. */
    void appendTo(Path file) throws IOException {
        appendLine(file, summary());
    }

    static void appendLine(Path file, String line) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String spread(List<Duration> durations) {
        if (durations.isEmpty()) {
            return "n/a";
        }
        List<Duration> sorted = new ArrayList<>(durations);
        sorted.sort(null);
        return String.format(Locale.ROOT, "min %d ms / median %d ms / max %d ms (n=%d)",
                sorted.get(0).toMillis(), median(sorted).toMillis(), sorted.get(sorted.size() - 1).toMillis(), sorted.size());
    }

    private static Duration median(List<Duration> sorted) {
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }
}
