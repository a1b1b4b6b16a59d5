package org.alignmentmonitor.alerts;

/**
 * Where one alert (rule, model, version) stands. Plain fields only, so the caller can store it as JSON.
 *
 * @param sinceMillis  when the current phase began (for PENDING: when the condition started to hold)
 * @param lastAtMillis time of the last observation applied, so late observations cannot undo newer ones
 */
public record AlertTrack(Phase phase, long sinceMillis, long lastAtMillis) {

    public enum Phase {
        /** Not firing and the condition does not hold. */
        QUIET,
        /** The condition holds but not yet for the rule's sustainedFor. */
        PENDING,
        /** A FIRING event was sent and no RESOLVED since. */
        FIRING
    }
}
