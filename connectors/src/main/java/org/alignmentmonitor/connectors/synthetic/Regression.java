package org.alignmentmonitor.connectors.synthetic;

import java.time.Duration;
import java.util.Objects;

/**
 * A version whose failure rates change to {@code rates} once {@code after} has passed since the
 * generator's start, in event time: the demo's regression for alerts to catch.
 */
public record Regression(String model, String version, Duration after, FailureRates rates) {

    public Regression {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(rates, "rates");
        if (after.isNegative()) {
            throw new IllegalArgumentException("regression offset must not be negative: " + after);
        }
    }

    public String key() {
        return model + ":" + version;
    }
}
