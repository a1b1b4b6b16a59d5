package org.alignmentmonitor.simulation;

/** Median of waiting times where some runs never reached the event. */
final class Medians {

    private Medians() {}

    /**
     * @param sortedTimes the times of the runs that reached the event, ascending
     * @param runs        all runs; the others count as infinitely late
     * @return the lower median, or -1 when it falls among the runs that never got there
     */
    static int withNeverAsInfinite(int[] sortedTimes, int runs) {
        int middle = (runs - 1) / 2;
        return middle < sortedTimes.length ? sortedTimes[middle] : -1;
    }
}
