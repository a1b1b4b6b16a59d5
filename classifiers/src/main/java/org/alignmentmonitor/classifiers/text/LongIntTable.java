package org.alignmentmonitor.classifiers.text;

import java.util.Map;

/**
 * An immutable map from non-zero long keys to ints, looked up without boxing (open addressing, a quarter
 * full). Each key and its value share one array, side by side, so a look-up in a table far larger than
 * the CPU's caches costs one cache miss, not one for the key and another for the value.
 */
final class LongIntTable {

    /** Slot s: key at 2s, value at 2s + 1. */
    private final long[] slots;
    private final int mask;
    private final int shift;

    LongIntTable(Map<Long, Integer> entries) {
        int bits = Math.max(4, 64 - Long.numberOfLeadingZeros(4L * entries.size()));
        slots = new long[2 << bits];
        mask = (1 << bits) - 1;
        shift = 64 - bits;
        entries.forEach((key, value) -> {
            if (key == 0) {
                throw new IllegalArgumentException("key 0 marks a free slot");
            }
            int slot = slotOf(key);
            slots[2 * slot] = key;
            slots[2 * slot + 1] = value;
        });
    }

    /** The value of {@code key}, or {@code absent}. */
    int get(long key, int absent) {
        int slot = slotOf(key);
        return slots[2 * slot] == key && key != 0 ? (int) slots[2 * slot + 1] : absent;
    }

    private int slotOf(long key) {
        int slot = PackedWord.spread(key, shift);
        long found;
        while ((found = slots[2 * slot]) != 0 && found != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
