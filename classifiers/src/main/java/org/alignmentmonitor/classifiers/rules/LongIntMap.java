package org.alignmentmonitor.classifiers.rules;

/**
 * Map from 64-bit keys (n-gram hashes) to ints in an open-addressing table: no boxing, three
 * allocations. Sized once for the number of keys the caller will add; never grows.
 */
final class LongIntMap {

    private final long[] keys;
    private final int[] values;
    private final boolean[] used;
    private final int mask;

    LongIntMap(int expectedKeys) {
        int capacity = Integer.highestOneBit(Math.max(8, expectedKeys)) << 2;
        keys = new long[capacity];
        values = new int[capacity];
        used = new boolean[capacity];
        mask = capacity - 1;
    }

    /** Associates {@code value} with {@code key}, returning the previous value or {@code missing}. */
    int put(long key, int value, int missing) {
        int slot = slotOf(key);
        int previous = used[slot] ? values[slot] : missing;
        keys[slot] = key;
        values[slot] = value;
        used[slot] = true;
        return previous;
    }

    int get(long key, int missing) {
        int slot = slotOf(key);
        return used[slot] ? values[slot] : missing;
    }

    /** Adds one to the count of {@code key} (absent counts as 0) and returns the new count. */
    int increment(long key) {
        int slot = slotOf(key);
        keys[slot] = key;
        used[slot] = true;
        return ++values[slot];
    }

    private int slotOf(long key) {
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (used[slot] && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
