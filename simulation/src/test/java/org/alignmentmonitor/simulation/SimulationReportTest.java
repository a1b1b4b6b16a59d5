package org.alignmentmonitor.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.junit.jupiter.api.Test;

class SimulationReportTest {

    @Test
    void shouldRenderEverySectionWithTheCommandThatRegeneratesItWhenGivenResults() {
        SimulationScenario tiny = new SimulationScenario("uniform", 0.05, 2_000, Binormal.calibrated(0.9),
                SamplingDesign.uniform(200), LabelNoise.NONE, 2, 10, 1, 0.05);
        ScenarioResult uniform = ScenarioResult.run(tiny);
        ScenarioResult active = ScenarioResult.run(tiny.withName("active").withSampling(SamplingDesign.active(200, 0.01)));
        SequentialCertification.Result cert = new SequentialCertification(EstimationOptions.DEFAULT, 0.02, 500).run(0.02, 20, 1);
        PpiComparison width = PpiComparison.run(tiny, SamplingDesign.active(200, 0.01));
        SimulationReport report = new SimulationReport(new SuiteOptions(10, 5, true),
                List.of(uniform), List.of(active), List.of(active), List.of(cert), List.of(width));

        String md = report.toMarkdown();

        assertThat(md).contains(SimulationReport.BUILD_AND_RUN + " --runs 10 --seed 5 --quick")
                .contains("## 1. Coverage", "## 2. Miscalibrated", "## 3. Certifying", "## 4. PPI")
                .contains("| **PPI, power-tuned** |", "| 5% |");
        assertThat(report.toMarkdown()).isEqualTo(md);
    }
}
