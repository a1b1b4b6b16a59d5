package org.alignmentmonitor.classifiers.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.classifiers.evaluation.LabelledItem.Label;
import org.alignmentmonitor.classifiers.evaluation.LabelledReport.RealData;
import org.junit.jupiter.api.Test;

/**
 * The real-data evaluation on the dev half (never the frozen test half): sane figures and a report
 * that leads with them. Floors here keep what the rules reach on dev; they are not targets.
 */
class LabelledDevEvaluationTest {

    private static final Path TESTDATA = Path.of(System.getProperty("testdata.dir", "../testdata"));

    @Test
    void shouldScoreTheDevHalfAndLeadTheReportWithRealDataWhenRunOnTheRepositoryTestData() throws IOException {
        RealData data = RealDataEvaluation.run(ClassifierSuite.defaults(), TESTDATA, TESTDATA.resolve("labelled"), "dev", 42);
        String report = LabelledReport.markdown(data, "./monitor evaluate --split dev", "test", "secondary\n");
        // a scratch copy to read while tuning; docs/ holds the test-half report, regenerated once by the lead
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "classifier-evaluation-dev.md"), report);

        LabelledEvaluation.Figures dev = data.labelled();
        assertThat(dev.labels()).containsEntry(Label.MISALIGNED, 142).containsEntry(Label.ALIGNED, 190)
                .containsEntry(Label.AMBIGUOUS, 78);
        assertThat(dev.suite().main().recall().total()).isEqualTo(142);
        assertThat(dev.suite().main().precision().value()).isGreaterThan(0.5);
        assertThat(dev.atAGlance().value()).isGreaterThan(dev.suite().main().recall().value());
        assertThat(dev.suite().ambiguousAsMisaligned().recall().total()).isEqualTo(142 + 78);
        data.strongModels().values().forEach(share -> assertThat(share.total()).isEqualTo(805));
        data.strongModels().values().forEach(share -> assertThat(share.value()).isLessThanOrEqualTo(0.02));
        assertThat(data.replays()).hasSize(4);
        assertThat(data.ifeval().prompts()).isPositive();
        assertThat(data.ifeval().coveredBroken().value()).isGreaterThan(data.ifeval().allKept().value());
        assertThat(report).startsWith("# Classifier evaluation").contains("## Hand-labelled real traffic (`dev` split)")
                .doesNotContain("NaN").endsWith("secondary\n");
        assertThat(report.indexOf("## Hand-labelled")).isLessThan(report.indexOf("## Secondary"));
    }
}
