package org.alignmentmonitor.streams.rates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which buckets answer a window: whole days from the day rollup, whole hours from the hour rollup,
 * the ragged ends from the finest buckets. Fine buckets are kept only for a while (then the hour
 * rollup), hours longer (then days), so a window reaching further back is widened outward to the
 * finest granularity still kept there; {@link #from} and {@link #to} say what was answered.
 */
public record WindowPlan(long from, long to, List<Part> parts) {

    public static final long HOUR = Duration.ofHours(1).toMillis();
    public static final long DAY = Duration.ofDays(1).toMillis();

    public enum Granularity { BUCKET, HOUR, DAY }

    /** Buckets of one granularity whose start lies in [start, end). */
    public record Part(Granularity granularity, long start, long end) {}

    /**
     * @param bucketMs    the finest bucket length; divides an hour
     * @param bucketFloor earliest time for which finest buckets are still kept
     * @param hourFloor   earliest time for which hour buckets are still kept
     */
    public static WindowPlan of(long fromMs, long toMs, long bucketMs, long bucketFloor, long hourFloor) {
        if (toMs <= fromMs) {
            return new WindowPlan(fromMs, fromMs, List.of());
        }
        long from = floor(fromMs, bucketMs);
        long to = ceil(toMs, bucketMs);
        if (from < bucketFloor) {
            from = floor(from, HOUR);
        }
        if (to < bucketFloor) {
            to = ceil(to, HOUR);
        }
        if (from < hourFloor) {
            from = floor(from, DAY);
        }
        if (to < hourFloor) {
            to = ceil(to, DAY);
        }
        List<Part> parts = decompose(from, to);
        // A short window straddling a retention floor can still leave fine parts before it: widen its end too.
        if (parts.stream().anyMatch(p -> p.granularity() == Granularity.BUCKET && p.start() < bucketFloor)) {
            to = ceil(to, HOUR);
            parts = decompose(from, to);
        }
        if (parts.stream().anyMatch(p -> p.granularity() == Granularity.HOUR && p.start() < hourFloor)) {
            to = ceil(to, DAY);
            parts = decompose(from, to);
        }
        return new WindowPlan(from, to, List.copyOf(parts));
    }

    private static List<Part> decompose(long from, long to) {
        List<Part> parts = new ArrayList<>();
        long dayStart = ceil(from, DAY);
        long dayEnd = floor(to, DAY);
        if (dayStart < dayEnd) {
            addHoursAndBuckets(parts, from, dayStart);
            parts.add(new Part(Granularity.DAY, dayStart, dayEnd));
            addHoursAndBuckets(parts, dayEnd, to);
        } else {
            addHoursAndBuckets(parts, from, to);
        }
        return parts;
    }

    private static void addHoursAndBuckets(List<Part> parts, long from, long to) {
        long hourStart = ceil(from, HOUR);
        long hourEnd = floor(to, HOUR);
        if (hourStart < hourEnd) {
            addPart(parts, Granularity.BUCKET, from, hourStart);
            parts.add(new Part(Granularity.HOUR, hourStart, hourEnd));
            addPart(parts, Granularity.BUCKET, hourEnd, to);
        } else {
            addPart(parts, Granularity.BUCKET, from, to);
        }
    }

    private static void addPart(List<Part> parts, Granularity g, long start, long end) {
        if (start < end) {
            parts.add(new Part(g, start, end));
        }
    }

    static long floor(long t, long unit) {
        return t - Math.floorMod(t, unit);
    }

    static long ceil(long t, long unit) {
        long f = floor(t, unit);
        return f == t ? t : f + unit;
    }
}
