package org.alignmentmonitor.monitor.it;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** How far counted totals are from the expected ones: interactions missing, and interactions counted too often. */
record CountDiff(long lost, long doubled) {

    static CountDiff of(Map<String, Long> expected, Map<String, Long> actual) {
        Set<String> versions = new HashSet<>(expected.keySet());
        versions.addAll(actual.keySet());
        long lost = 0;
        long doubled = 0;
        for (String version : versions) {
            long difference = actual.getOrDefault(version, 0L) - expected.getOrDefault(version, 0L);
            lost += Math.max(0, -difference);
            doubled += Math.max(0, difference);
        }
        return new CountDiff(lost, doubled);
    }
}
