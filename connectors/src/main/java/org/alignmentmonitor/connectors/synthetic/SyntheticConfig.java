package org.alignmentmonitor.connectors.synthetic;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The simulated traffic: which versions, their shares and failure rates, and scheduled regressions. */
public record SyntheticConfig(List<VersionProfile> versions, List<Regression> regressions) {

    public SyntheticConfig {
        versions = List.copyOf(versions);
        regressions = List.copyOf(regressions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("at least one version is needed");
        }
        Set<String> keys = new HashSet<>();
        for (VersionProfile profile : versions) {
            if (!keys.add(profile.key())) {
                throw new IllegalArgumentException("version " + profile.key() + " is configured twice");
            }
        }
        for (Regression regression : regressions) {
            if (!keys.contains(regression.key())) {
                throw new IllegalArgumentException("regression of unknown version " + regression.key());
            }
        }
    }

    /**
     * The demo's traffic: three versions of one assistant at about 1%, 3% and 0.5% misaligned, the
     * newest regressing to about 8% after 90 s, and a smaller second model family at about 2%.
     */
    public static SyntheticConfig defaults() {
        return new SyntheticConfig(
                List.of(
                        new VersionProfile("assistant", "v1", 3, FailureRates.of(0.004, 0.002, 0.002, 0.002)),
                        new VersionProfile("assistant", "v2", 3, FailureRates.of(0.012, 0.006, 0.006, 0.006)),
                        new VersionProfile("assistant", "v3", 3, FailureRates.of(0.002, 0.001, 0.001, 0.001)),
                        new VersionProfile("coder", "2024-06", 1, FailureRates.of(0.008, 0.004, 0.004, 0.004))),
                List.of(new Regression("assistant", "v3", Duration.ofSeconds(90), FailureRates.of(0.03, 0.01, 0.03, 0.01))));
    }
}
