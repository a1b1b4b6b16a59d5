package org.alignmentmonitor.classifiers.text;

import java.util.Map;

/** An immutable map from non-zero long keys to ints, looked up without boxing (open addressing, a quarter full). */
final class LongIntTable {

    private final long[] keys;
    private final int[] values;
    private final int shift;

    LongIntTable(Map<Long, Integer> entries) {
        int bits = Math.max(4, 64 - Long.numberOfLeadingZeros(4L * entries.size()));
        keys = new long[1 << bits];
        values = new int[1 << bits];
        shift = 64 - bits;
        entries.forEach((key, value) -> {
            if (key == 0) {
                throw new IllegalArgumentException("key 0 marks a free slot");
            }
            int slot = slotOf(key);
            keys[slot] = key;
            values[slot] = value;
        });
    }

    /** The value of {@code key}, or {@code absent}. */
    int get(long key, int absent) {
        int slot = slotOf(key);
        return keys[slot] == key && key != 0 ? values[slot] : absent;
    }

    private int slotOf(long key) {
        int slot = PackedWord.spread(key, shift);
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & (keys.length - 1);
        }
        return slot;
    }
}
