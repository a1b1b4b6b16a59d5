package org.alignmentmonitor.review.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * @param lease          how long a labeller holds an item before it returns to the queue
 * @param doubleFraction fraction of items labelled by two people, chosen by a salted hash so a rebuild chooses the same
 * @param goldRate       probability that an assignment is a hidden gold item (when one is left for that labeller)
 * @param salt           salt of the double-labelling hash
 */
public record QueueSettings(Duration lease, double doubleFraction, double goldRate, String salt) {

    public QueueSettings {
        Objects.requireNonNull(salt, "salt");
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive");
        }
        if (!(doubleFraction >= 0 && doubleFraction <= 1) || !(goldRate >= 0 && goldRate < 1)) {
            throw new IllegalArgumentException("doubleFraction must be in [0,1] and goldRate in [0,1)");
        }
    }

    public static QueueSettings defaults() {
        return new QueueSettings(Duration.ofMinutes(15), 0.2, 0.05, "review-v1");
    }
}
