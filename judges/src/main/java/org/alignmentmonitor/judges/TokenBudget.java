package org.alignmentmonitor.judges;

import java.util.function.LongSupplier;

/**
 * A token budget per fixed window (a minute by default). A request that does not fit is deferred
 * to the next window by the caller, never dropped. A single request larger than the whole budget
 * is let through alone in an empty window, so it cannot wait forever. Thread-safe.
 */
public final class TokenBudget {

    private final long tokensPerWindow;
    private final long windowMillis;
    private final LongSupplier clock;
    private long windowStart;
    private long used;

    /** @param tokensPerWindow 0 or less for no limit */
    public TokenBudget(long tokensPerWindow, long windowMillis, LongSupplier clock) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("budget window must be positive");
        }
        this.tokensPerWindow = tokensPerWindow;
        this.windowMillis = windowMillis;
        this.clock = clock;
        this.windowStart = clock.getAsLong();
    }

    /** Reserves {@code tokens}: 0 when granted, else milliseconds until the next window. */
    public synchronized long tryReserve(long tokens) {
        if (tokensPerWindow <= 0) {
            return 0;
        }
        long now = clock.getAsLong();
        if (now - windowStart >= windowMillis) {
            windowStart = now - (now - windowStart) % windowMillis;
            used = 0;
        }
        if (used + tokens <= tokensPerWindow || used == 0) {
            used += tokens;
            return 0;
        }
        return Math.max(1, windowStart + windowMillis - now);
    }

    /** Rough token count of a text: about 4 characters per token for English, plus overhead. */
    public static long estimateTokens(CharSequence text) {
        return text.length() / 4 + 8;
    }
}
