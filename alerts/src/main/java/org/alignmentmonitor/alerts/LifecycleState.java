package org.alignmentmonitor.alerts;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every alert's {@link AlertTrack}, keyed by alert id. Immutable and made of records, strings and
 * numbers, so it serialises to JSON as is (and sorted, so equal states give equal bytes).
 */
public record LifecycleState(Map<String, AlertTrack> tracks) {

    public static final LifecycleState EMPTY = new LifecycleState(Map.of());

    public LifecycleState {
        tracks = Collections.unmodifiableMap(new TreeMap<>(tracks));
    }

    public Optional<AlertTrack> track(String alertId) {
        return Optional.ofNullable(tracks.get(alertId));
    }

    /** Whether a FIRING event for this alert is outstanding. */
    public boolean isFiring(String alertId) {
        return track(alertId).map(t -> t.phase() == AlertTrack.Phase.FIRING).orElse(false);
    }

    LifecycleState with(String alertId, AlertTrack track) {
        Map<String, AlertTrack> next = new TreeMap<>(tracks);
        next.put(alertId, track);
        return new LifecycleState(next);
    }
}
