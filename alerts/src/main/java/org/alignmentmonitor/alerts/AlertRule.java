package org.alignmentmonitor.alerts;

import java.time.Duration;
import java.util.Objects;

/**
 * One validated alert rule. Build it through {@link RuleFile#parse(String)}, which checks the
 * fields and reports every problem at once.
 *
 * @param threshold the rate a THRESHOLD rule compares with; NaN for REGRESSION rules
 * @param margin    how much higher than the previous version a REGRESSION rule tolerates; 0 for THRESHOLD rules
 * @param alpha     error rate: the chance, over the whole life of a window, that its interval misses the truth
 * @param window    length of the evidence window the rule reads; observations of other lengths are ignored
 */
public record AlertRule(String id, Glob model, Glob version, RuleKind kind, Series series, Duration window,
                        double threshold, double margin, double alpha, long minInteractions, long minLabels,
                        Duration sustainedFor, Severity severity, String description) {

    public static final double DEFAULT_ALPHA = 0.05;

    public AlertRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(sustainedFor, "sustainedFor");
        Objects.requireNonNull(severity, "severity");
        description = description == null ? "" : description;
    }

    public boolean appliesTo(String modelName, String versionName) {
        return model.matches(modelName) && version.matches(versionName);
    }
}
