package org.alignmentmonitor.monitor.runtime.tail;

/**
 * One tail's state for {@code /health}.
 *
 * @param consecutiveFailures failures since the last batch that was handled whole
 * @param lastError           the last failure's message, or null
 */
public record TailHealth(String name, TailState state, long restarts, int consecutiveFailures, String lastError) {

    /** A tail that fails again and again without a good poll in between is dead for health purposes. */
    public static final int DEAD_AFTER_FAILURES = 3;

    public boolean healthy() {
        return state != TailState.FAILED && consecutiveFailures < DEAD_AFTER_FAILURES;
    }
}
