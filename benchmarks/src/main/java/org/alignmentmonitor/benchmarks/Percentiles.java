package org.alignmentmonitor.benchmarks;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of durations, for latency lines in benchmark output. */
record Percentiles(int count, double p50Ms, double p99Ms, double maxMs) {

    static Percentiles ofNanos(long[] nanos, int count) {
        if (count == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Percentiles(count, rank(sorted, 0.50), rank(sorted, 0.99), sorted[count - 1] / 1e6);
    }

    private static double rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    @Override
    public String toString() {
        return String.format("n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", count, p50Ms, p99Ms, maxMs);
    }
}
