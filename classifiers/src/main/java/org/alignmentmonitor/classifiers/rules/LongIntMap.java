package org.alignmentmonitor.classifiers.rules;

import java.util.Arrays;

/**
 * Map from 64-bit keys (n-gram hashes) to ints in an open-addressing table: no boxing. Sized for
 * the number of keys the caller will add; never grows. Instances are reused per thread and call
 * site ({@link #reused}): emptying is a generation bump, not a clear, so scoring a long completion
 * allocates nothing here (fresh tables were a large share of the stream thread's garbage).
 */
final class LongIntMap {

    private long[] keys;
    private int[] values;
    /** A slot is in use when its stamp equals the current generation. */
    private int[] stamps;
    private int generation = 1;
    private int mask;

    LongIntMap(int expectedKeys) {
        allocate(capacityFor(expectedKeys));
    }

    /** The calling thread's map for one call site, emptied and ready for {@code expectedKeys} keys. */
    static LongIntMap reused(ThreadLocal<LongIntMap> site, int expectedKeys) {
        LongIntMap map = site.get();
        if (map == null) {
            map = new LongIntMap(expectedKeys);
            site.set(map);
        } else {
            map.reset(expectedKeys);
        }
        return map;
    }

    private static int capacityFor(int expectedKeys) {
        return Integer.highestOneBit(Math.max(8, expectedKeys)) << 2;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        stamps = new int[capacity];
        generation = 1;
        mask = capacity - 1;
    }

    private void reset(int expectedKeys) {
        int capacity = capacityFor(expectedKeys);
        if (capacity > keys.length) {
            allocate(capacity);
            return;
        }
        // Use only the first `capacity` slots: a small text should not probe a table sized for a huge one.
        mask = capacity - 1;
        if (++generation == 0) {
            Arrays.fill(stamps, 0);
            generation = 1;
        }
    }

    /** Associates {@code value} with {@code key}, returning the previous value or {@code missing}. */
    int put(long key, int value, int missing) {
        int slot = slotOf(key);
        int previous = stamps[slot] == generation ? values[slot] : missing;
        keys[slot] = key;
        values[slot] = value;
        stamps[slot] = generation;
        return previous;
    }

    int get(long key, int missing) {
        int slot = slotOf(key);
        return stamps[slot] == generation ? values[slot] : missing;
    }

    /** Adds one to the count of {@code key} (absent counts as 0) and returns the new count. */
    int increment(long key) {
        int slot = slotOf(key);
        if (stamps[slot] != generation) {
            keys[slot] = key;
            values[slot] = 0;
            stamps[slot] = generation;
        }
        return ++values[slot];
    }

    private int slotOf(long key) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        int slot = (int) (mixed >>> 40) & mask;
        while (stamps[slot] == generation && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
