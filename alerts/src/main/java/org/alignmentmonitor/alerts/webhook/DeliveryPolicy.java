package org.alignmentmonitor.alerts.webhook;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How hard to try one delivery before it goes to the outbox.
 *
 * @param maxAttempts    attempts per endpoint and event, the first included
 * @param initialBackoff wait before the second attempt; it doubles per attempt up to {@code maxBackoff}
 * @param timeout        per attempt, connecting and waiting for the response together
 */
public record DeliveryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration timeout) {

    /** Up to a minute of trying: waits of at most 1, 2, 4, 8, 16 and 30 s between seven attempts. */
    public static final DeliveryPolicy DEFAULT =
            new DeliveryPolicy(7, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10));

    public DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /**
     * Wait after failed attempt {@code attempt} (1-based): exponential, capped, and drawn uniformly from
     * its upper half so that many alerts failing together do not retry in lock-step.
     */
    Duration backoff(int attempt) {
        long cap = maxBackoff.toMillis();
        long exponential = initialBackoff.toMillis() << Math.min(attempt - 1, 30);
        long ceiling = exponential < 0 ? cap : Math.min(cap, exponential);
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
