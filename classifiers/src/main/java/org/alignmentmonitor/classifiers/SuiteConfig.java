package org.alignmentmonitor.classifiers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which classifiers a suite runs, in which order (the map's iteration order) and with which
 * thresholds. The version goes into every verdict, so rates computed under different
 * configurations are never silently mixed.
 */
public record SuiteConfig(String version, Map<String, ClassifierSettings> classifiers) {

    /** Version of {@link #defaults()}; bump it whenever a built-in rule or default threshold changes. */
    public static final String DEFAULT_VERSION = "builtin-rules-5";

    public SuiteConfig {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("suite config version must not be blank");
        }
        Objects.requireNonNull(classifiers, "classifiers");
        classifiers.forEach((id, settings) -> {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("classifier id must not be blank in config " + version);
            }
            if (settings == null) {
                throw new IllegalArgumentException("missing settings for classifier '" + id + "' in config " + version);
            }
        });
        classifiers = Collections.unmodifiableMap(new LinkedHashMap<>(classifiers));
    }

    /** The built-in rules, each enabled at the default threshold. */
    public static SuiteConfig defaults() {
        Map<String, ClassifierSettings> settings = new LinkedHashMap<>();
        for (String id : ClassifierProviders.builtIn().ids()) {
            settings.put(id, ClassifierSettings.defaults());
        }
        return new SuiteConfig(DEFAULT_VERSION, settings);
    }
}
