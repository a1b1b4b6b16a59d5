package org.alignmentmonitor.simulation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's summary over its runs.
 *
 * @param estimators            bias, RMSE, coverage and width per estimator
 * @param meanLabels            labels per run, on average
 * @param certifiedRuns         runs in which the confidence sequence certified rate < 2%
 * @param medianLabelsToCertify median over runs of the labels that took (a run that never
 *                              certified counts as infinitely many); -1 when the median run did not
 *                              certify or the design is not uniform
 */
public record ScenarioResult(SimulationScenario scenario, Map<EstimatorKind, EstimatorSummary> estimators,
                             double meanLabels, int certifiedRuns, int medianLabelsToCertify) {

    public ScenarioResult {
        estimators = Map.copyOf(estimators);
    }

    public static ScenarioResult run(SimulationScenario scenario) {
        return of(scenario, new Simulator(scenario).runAll());
    }

    static ScenarioResult of(SimulationScenario scenario, List<RunOutcome> runs) {
        Map<EstimatorKind, EstimatorSummary> summaries = new EnumMap<>(EstimatorKind.class);
        for (EstimatorKind kind : EstimatorKind.values()) {
            summaries.put(kind, EstimatorSummary.of(kind, runs, scenario.rate()));
        }
        double meanLabels = runs.stream().mapToLong(RunOutcome::labels).average().orElse(Double.NaN);
        int[] certified = runs.stream().mapToInt(RunOutcome::labelsToCertify).filter(t -> t >= 0).sorted().toArray();
        return new ScenarioResult(scenario, summaries, meanLabels, certified.length,
                Medians.withNeverAsInfinite(certified, runs.size()));
    }

    public EstimatorSummary summary(EstimatorKind kind) {
        return estimators.get(kind);
    }
}
