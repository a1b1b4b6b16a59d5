package org.alignmentmonitor.estimators.process;

import java.util.Objects;

import org.alignmentmonitor.estimators.Interval;

/**
 * One draw of an environment for a training process: one version the process produced, run in one
 * deployment, with the interval on its misalignment rate measured there.
 *
 * @param model        the model family of the version
 * @param version      the model version (for checkpoint runs: the checkpoint)
 * @param deployment   the environment it ran in
 * @param step         training step of the checkpoint, or null when the version is not a checkpoint
 * @param interactions traffic seen in this environment
 * @param labelled     human-labelled items among them
 * @param rate         interval on the misalignment rate at the scorecard's level
 */
public record EnvironmentRun(String model, String version, String deployment, Long step, long interactions, long labelled, Interval rate) {

    public EnvironmentRun {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(rate, "rate");
        if (interactions < 0 || labelled < 0 || labelled > interactions) {
            throw new IllegalArgumentException("need 0 <= labelled <= interactions, got " + labelled + " of " + interactions);
        }
    }
}
