package org.alignmentmonitor.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;

/**
 * The JVM's live-object class histogram (what {@code jcmd <pid> GC.class_histogram} prints, taken after a full GC),
 * so a benchmark can say which classes grew between two points of a long run: a slow heap rise is either a leak
 * (one class growing with the interactions seen) or caches filling to their limits.
 */
record ClassHistogram(Map<String, long[]> byClass) {

    static ClassHistogram take() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> byClass = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            // "  num:  #instances  #bytes  class name (module)"
            if (cells.length >= 4 && cells[0].endsWith(":")) {
                byClass.put(cells[3], new long[] {Long.parseLong(cells[1]), Long.parseLong(cells[2])});
            }
        }
        return new ClassHistogram(byClass);
    }

    /** The {@code top} classes whose bytes grew most from {@code before} to this histogram, one line each. */
    List<String> growthSince(ClassHistogram before, int top) {
        List<Map.Entry<String, long[]>> grown = new ArrayList<>(byClass.entrySet());
        grown.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -(e.getValue()[1] - before.bytes(e.getKey()))));
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(top, grown.size()))) {
            long[] was = before.byClass.getOrDefault(e.getKey(), new long[2]);
            lines.add(String.format("%+10.1f MB %+,12d instances  %s (%,d -> %,d)", (e.getValue()[1] - was[1]) / 1048576.0,
                    e.getValue()[0] - was[0], e.getKey(), was[0], e.getValue()[0]));
        }
        return lines;
    }

    private long bytes(String type) {
        long[] cell = byClass.get(type);
        return cell == null ? 0 : cell[1];
    }
}
