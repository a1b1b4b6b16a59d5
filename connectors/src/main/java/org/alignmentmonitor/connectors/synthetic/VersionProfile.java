package org.alignmentmonitor.connectors.synthetic;

import java.util.Objects;

/**
 * One simulated model version.
 *
 * @param weight share of the traffic, relative to the other versions' weights
 */
public record VersionProfile(String model, String version, double weight, FailureRates rates) {

    public VersionProfile {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(rates, "rates");
        if (!(weight > 0 && Double.isFinite(weight))) {
            throw new IllegalArgumentException("weight of " + model + ":" + version + " must be positive: " + weight);
        }
    }

    public String key() {
        return model + ":" + version;
    }
}
