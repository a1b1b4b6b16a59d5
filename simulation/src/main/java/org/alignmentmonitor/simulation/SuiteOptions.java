package org.alignmentmonitor.simulation;

/**
 * @param runs  runs per scenario of the coverage and robustness studies (and at least this many
 *              for the false-certification experiment)
 * @param seed  root seed; every scenario derives its own from it
 * @param quick fewer runs everywhere, for a smoke check; the numbers are then only indicative
 */
public record SuiteOptions(int runs, long seed, boolean quick) {

    public static final int DEFAULT_RUNS = 1000;
    public static final long DEFAULT_SEED = 20261122L;
    public static final SuiteOptions DEFAULT = new SuiteOptions(DEFAULT_RUNS, DEFAULT_SEED, false);

    public SuiteOptions {
        if (runs < 10) {
            throw new IllegalArgumentException("need at least 10 runs, got " + runs);
        }
    }

    /** Runs per scenario of the coverage and robustness studies. */
    int coverageRuns() {
        return quick ? Math.min(runs, 100) : runs;
    }

    /** Runs per width comparison: its scenarios are 5x larger and mean widths settle quickly. */
    int widthRuns() {
        return Math.min(coverageRuns(), 200);
    }

    /** Runs of the sequential experiments, which are cheap: never fewer than 1000. */
    int sequentialRuns() {
        return Math.max(runs, 1000);
    }

    /** The arguments that reproduce this suite, after the main class. */
    String arguments() {
        StringBuilder sb = new StringBuilder();
        if (runs != DEFAULT_RUNS) {
            sb.append(" --runs ").append(runs);
        }
        if (seed != DEFAULT_SEED) {
            sb.append(" --seed ").append(seed);
        }
        if (quick) {
            sb.append(" --quick");
        }
        return sb.toString();
    }
}
