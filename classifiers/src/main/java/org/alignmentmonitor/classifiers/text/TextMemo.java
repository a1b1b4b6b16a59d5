package org.alignmentmonitor.classifiers.text;

import java.util.function.Supplier;

/**
 * The analysis of the interaction a thread is scoring, shared by all rules: the derived texts
 * (heads, ends, prose copies), word indexes and tokens every rule would otherwise recompute from
 * the same completion and request. Entries are pure functions of immutable texts, keyed by the
 * text's identity and one or two ints, so a hit is always right and a stale entry is merely never
 * asked for again; the ring holds many more entries than one interaction makes, so the rules of one
 * interaction never evict each other's work.
 *
 * <p>Why identity: the rules get the same String objects from the interaction, and derived texts
 * come from this memo too, so every rule asking for "the first 2,000 characters of the completion"
 * gets the same object and then the same word index.
 */
public final class TextMemo {

    /** One kind of derived value; compared by identity. */
    public static final class Kind {
        private final String name;

        public Kind(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final int SIZE = 64;
    private static final ThreadLocal<TextMemo> THREAD = ThreadLocal.withInitial(TextMemo::new);

    private final Object[] sources = new Object[SIZE];
    private final Kind[] kinds = new Kind[SIZE];
    private final int[] firsts = new int[SIZE];
    private final int[] seconds = new int[SIZE];
    private final Object[] values = new Object[SIZE];
    private int next;

    private TextMemo() {}

    /**
     * The last thread that asked and its memo. The rules ask many times per interaction, and a
     * thread-local look-up walks a map that other libraries fill; a thread that keeps asking (the
     * stream thread) finds its memo here. Safe unsynchronised: the pair is immutable (final fields).
     */
    private record Owner(Thread thread, TextMemo memo) {}

    private static Owner last = new Owner(null, null);

    /** The calling thread's memo. */
    public static TextMemo thread() {
        Owner owner = last;
        Thread current = Thread.currentThread();
        if (owner.thread == current) {
            return owner.memo;
        }
        TextMemo memo = THREAD.get();
        last = new Owner(current, memo);
        return memo;
    }

    /** The remembered value of {@code kind} for {@code source} and the two parameters, or null. */
    public Object get(Kind kind, Object source, int first, int second) {
        // Newest first: the rules of one interaction ask for what was just made.
        for (int k = 1; k <= SIZE; k++) {
            int slot = (next - k) & (SIZE - 1);
            if (sources[slot] == source && kinds[slot] == kind && firsts[slot] == first && seconds[slot] == second) {
                return values[slot];
            }
        }
        return null;
    }

    /**
     * The remembered value of {@code kind} for {@code source} and the parameters, made by {@code make}
     * and remembered on a miss. The kind decides the value's type.
     */
    @SuppressWarnings("unchecked")
    public <T> T remember(Kind kind, Object source, int first, int second, Supplier<T> make) {
        Object known = get(kind, source, first, second);
        return known != null ? (T) known : put(kind, source, first, second, make.get());
    }

    /** Remembers {@code value}, replacing the oldest entry; returns it. */
    public <T> T put(Kind kind, Object source, int first, int second, T value) {
        int slot = next;
        sources[slot] = source;
        kinds[slot] = kind;
        firsts[slot] = first;
        seconds[slot] = second;
        values[slot] = value;
        next = (next + 1) & (SIZE - 1);
        return value;
    }
}
