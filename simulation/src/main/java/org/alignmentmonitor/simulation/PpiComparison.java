package org.alignmentmonitor.simulation;

/**
 * Interval widths with and without the classifier on identical interactions, once sampled
 * uniformly and once by the real allocator at the same budget.
 *
 * @param measuredAuc the classifier's AUC on the interactions of run 0
 */
public record PpiComparison(double measuredAuc, ScenarioResult uniform, ScenarioResult active) {

    static PpiComparison run(SimulationScenario uniformScenario, SamplingDesign activeDesign) {
        return new PpiComparison(EmpiricalAuc.measure(uniformScenario),
                ScenarioResult.run(uniformScenario),
                ScenarioResult.run(uniformScenario.withSampling(activeDesign)));
    }

    /** Same uniform labels: Clopper-Pearson width over PPI width. */
    public double uniformClopperPearsonOverPpi() {
        return ratio(uniform, EstimatorKind.CLOPPER_PEARSON, uniform);
    }

    /** Same uniform labels, both normal-theory: IPW width over PPI width (no Clopper-Pearson conservatism). */
    public double uniformIpwOverPpi() {
        return ratio(uniform, EstimatorKind.LABELS_IPW, uniform);
    }

    /** Same actively sampled labels: IPW (the only valid labels-only interval there) over PPI. */
    public double activeIpwOverPpi() {
        return ratio(active, EstimatorKind.LABELS_IPW, active);
    }

    /** Same budget: labels only from a uniform sample (Clopper-Pearson) over PPI on an active sample. */
    public double budgetMatched() {
        return ratio(uniform, EstimatorKind.CLOPPER_PEARSON, active);
    }

    private static double ratio(ScenarioResult labelsOnly, EstimatorKind kind, ScenarioResult ppi) {
        return labelsOnly.summary(kind).meanWidth() / ppi.summary(EstimatorKind.PPI).meanWidth();
    }
}
