package org.alignmentmonitor.judges;

import java.util.function.LongSupplier;

/**
 * Per-endpoint circuit breaker. Closed: calls pass. After {@code failureThreshold} consecutive
 * failures it opens: no calls for {@code cooldownMillis}. Then one probe call is let through
 * (half-open): its success closes the breaker, its failure opens it for another cool-down.
 * Thread-safe.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long cooldownMillis;
    private final LongSupplier clock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    /** Start of the current run of failures: "unavailable for N min" counts from here. */
    private long failingSince = -1;

    public CircuitBreaker(int failureThreshold, long cooldownMillis, LongSupplier clock) {
        if (failureThreshold < 1 || cooldownMillis < 0) {
            throw new IllegalArgumentException("failureThreshold must be >= 1 and cooldown >= 0");
        }
        this.failureThreshold = failureThreshold;
        this.cooldownMillis = cooldownMillis;
        this.clock = clock;
    }

    /** Whether a call may start now; in half-open state only the single probe may. */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clock.getAsLong() - openedAt >= cooldownMillis) {
                    state = State.HALF_OPEN;
                    return true;
                }
                return false;
            default:
                return false; // a probe is in flight
        }
    }

    /** Gives back a permit that was acquired but not used for a call. */
    public synchronized void release() {
        if (state == State.HALF_OPEN) {
            state = State.OPEN;
            openedAt = clock.getAsLong() - cooldownMillis; // the next caller may probe at once
        }
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        failingSince = -1;
    }

    public synchronized void onFailure() {
        long now = clock.getAsLong();
        if (failingSince < 0) {
            failingSince = now;
        }
        consecutiveFailures++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFailures >= failureThreshold)) {
            state = State.OPEN;
            openedAt = now;
        }
    }

    /** How long until a call may be tried again; 0 when one may now. */
    public synchronized long millisUntilRetry() {
        return switch (state) {
            case CLOSED -> 0;
            case OPEN -> Math.max(0, openedAt + cooldownMillis - clock.getAsLong());
            case HALF_OPEN -> Math.max(1, cooldownMillis / 4);
        };
    }

    public synchronized State state() {
        return state;
    }

    /** Milliseconds since the current run of failures began, 0 when the endpoint is healthy. */
    public synchronized long failingForMillis() {
        return failingSince < 0 ? 0 : clock.getAsLong() - failingSince;
    }
}
