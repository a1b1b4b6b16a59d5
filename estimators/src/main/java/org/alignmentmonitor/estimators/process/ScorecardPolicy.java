package org.alignmentmonitor.estimators.process;

/**
 * How a process is scored.
 *
 * @param threshold  an environment run fails when its rate's lower bound exceeds this
 * @param delta      the process bound holds with confidence 1 - delta
 * @param minLabels  runs with fewer labels are reported but are not counted as draws: they could
 *                   not have shown a failure, so counting them would make the bound look better
 */
public record ScorecardPolicy(double threshold, double delta, long minLabels) {

    public static final ScorecardPolicy DEFAULT = new ScorecardPolicy(0.02, 0.05, 30);

    public ScorecardPolicy {
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1), got " + threshold);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        if (minLabels < 1) {
            throw new IllegalArgumentException("minLabels must be at least 1, got " + minLabels);
        }
    }
}
