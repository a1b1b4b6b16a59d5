package org.alignmentmonitor.simulation;

import java.util.ArrayList;
import java.util.List;
import org.alignmentmonitor.estimators.EstimationOptions;

/**
 * The fixed set of experiments behind docs/simulation-report.md. Every scenario derives its seed
 * from the suite seed and its position here, so a report is reproduced bit for bit by the same
 * options.
 */
public final class SimulationSuite {

    public static final List<Double> COVERAGE_RATES = List.of(0.005, 0.01, 0.02, 0.05, 0.2);
    public static final List<Double> WIDTH_RATES = List.of(0.02, 0.05, 0.2);
    public static final double ALPHA = 0.05;
    public static final double ROBUSTNESS_RATE = 0.02;
    /** Labels drawn one at a time in the sequential experiments. */
    public static final int SEQUENTIAL_HORIZON = 10_000;

    /** An LLM judge with U-shaped scores: sure about most failures, missing the rest; AUC about 0.9. */
    public static final ClassifierModel CONFIDENT_JUDGE = new BetaScores(0.4, 0.2, 0.25, 3.0, 0.0);
    public static final ClassifierModel BINORMAL_09 = Binormal.calibrated(0.9);

    private SimulationSuite() {}

    /** Coverage study: 20,000 interactions a run, 2,000 labels, a calibrated AUC-0.9 classifier. */
    public static SimulationScenario coverageScenario(double rate, int runs, long seed) {
        return new SimulationScenario("coverage", rate, 20_000, BINORMAL_09, SamplingDesign.uniform(2_000),
                LabelNoise.NONE, 4, runs, seed, ALPHA);
    }

    public static SamplingDesign coverageActiveDesign() {
        return SamplingDesign.active(2_000, 0.01);
    }

    /** Width comparison: 100,000 interactions a run and 500 labels. */
    public static SimulationScenario widthScenario(ClassifierModel classifier, double rate, int runs, long seed) {
        return new SimulationScenario("width", rate, 100_000, classifier, SamplingDesign.uniform(500),
                LabelNoise.NONE, 4, runs, seed, ALPHA);
    }

    public static SamplingDesign widthActiveDesign() {
        return SamplingDesign.active(500, 0.001);
    }

    public static SimulationReport runAll(SuiteOptions options) {
        long stream = 0;
        List<ScenarioResult> uniform = new ArrayList<>();
        List<ScenarioResult> active = new ArrayList<>();
        for (double rate : COVERAGE_RATES) {
            SimulationScenario s = coverageScenario(rate, options.coverageRuns(), Seeds.derive(options.seed(), stream++));
            uniform.add(ScenarioResult.run(s.withName("uniform")));
            active.add(ScenarioResult.run(s.withName("active").withSampling(coverageActiveDesign())));
        }

        SimulationScenario base = coverageScenario(ROBUSTNESS_RATE, options.coverageRuns(), Seeds.derive(options.seed(), stream++))
                .withSampling(coverageActiveDesign());
        List<ScenarioResult> robustness = List.of(
                ScenarioResult.run(base.withName("classifier overstates (logit bias +1)")
                        .withClassifier(new Binormal(0.9, 1.0))),
                ScenarioResult.run(base.withName("classifier understates (logit bias -1)")
                        .withClassifier(new Binormal(0.9, -1.0))),
                ScenarioResult.run(base.withName("reviewers: 10% ambiguous").withNoise(new LabelNoise(0, 0.10))),
                ScenarioResult.run(base.withName("reviewers: 1% flipped").withNoise(new LabelNoise(0.01, 0))));

        SequentialCertification sequential = new SequentialCertification(
                EstimationOptions.withAlpha(ALPHA), Simulator.CERTIFICATION_THRESHOLD, SEQUENTIAL_HORIZON);
        List<SequentialCertification.Result> certification = new ArrayList<>();
        for (double rate : List.of(Simulator.CERTIFICATION_THRESHOLD, 0.01, 0.005)) {
            certification.add(sequential.run(rate, options.sequentialRuns(), Seeds.derive(options.seed(), stream++)));
        }

        List<PpiComparison> widths = new ArrayList<>();
        for (ClassifierModel classifier : List.of(BINORMAL_09, CONFIDENT_JUDGE)) {
            for (double rate : WIDTH_RATES) {
                widths.add(PpiComparison.run(widthScenario(classifier, rate, options.widthRuns(),
                        Seeds.derive(options.seed(), stream++)), widthActiveDesign()));
            }
        }
        return new SimulationReport(options, uniform, active, robustness, certification, widths);
    }
}
