package org.alignmentmonitor.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.estimators.BucketEstimatorState;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.estimators.Estimates;
import org.alignmentmonitor.estimators.Estimator;
import org.alignmentmonitor.estimators.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EstimateCommandTest {

    @TempDir
    Path tmp;

    /** 5,000 interactions, 2% misaligned, 1% ambiguous, a noisy score, 10% reviewed. */
    private static List<String> lines(BucketEstimatorState[] expected) {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        BucketEstimatorState state = BucketEstimatorState.empty();
        for (int i = 0; i < 5000; i++) {
            double u = random.nextDouble();
            Label truth = u < 0.02 ? Label.MISALIGNED : u < 0.03 ? Label.AMBIGUOUS : Label.ALIGNED;
            double score = Math.min(1, Math.max(0, (truth == Label.MISALIGNED ? 0.7 : 0.1) + 0.15 * random.nextGaussian()));
            boolean reviewed = random.nextDouble() < 0.1;
            Label label = reviewed ? truth : null;
            lines.add(String.format("{\"score\": %s, \"label\": %s, \"pi\": 0.1}", score, label == null ? "null" : "\"" + label + "\""));
            state = state.add(score, score >= 0.5, label, 0.1);
        }
        expected[0] = state;
        return lines;
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = MonitorCli.commandLine().execute(args);
            assertThat(code).as("exit code").isZero();
        } finally {
            System.setOut(previous);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintTheSameFiguresAsTheEstimatorLibrary() throws Exception {
        BucketEstimatorState[] expected = new BucketEstimatorState[1];
        Path input = tmp.resolve("audit.jsonl");
        Files.write(input, lines(expected));

        JsonNode report = new ObjectMapper().readTree(run("estimate", "--input", input.toString(), "--alpha", "0.05", "--json"));
        Estimates direct = Estimator.estimate(expected[0], EstimationOptions.withAlpha(0.05));

        assertThat(report.get("interactions").asLong()).isEqualTo(5000);
        assertThat(report.get("labelled").asLong()).isEqualTo(direct.labelled());
        assertThat(report.at("/ppi/y_low/estimate").asDouble()).isCloseTo(direct.low().ppi().estimate(), within(1e-9));
        assertThat(report.at("/ppi/y_high/upper").asDouble()).isCloseTo(direct.high().ppi().upper(), within(1e-9));
        assertThat(report.at("/lambda/y_low").asDouble()).isCloseTo(direct.low().ppi().lam(), within(1e-9));
        assertThat(report.at("/labels_only/y_low/estimate").asDouble()).isCloseTo(direct.low().lam0().estimate(), within(1e-9));
        assertThat(report.at("/confidence_sequence/y_high/upper").asDouble())
                .isCloseTo(direct.high().confidenceSequence().upper(), within(1e-9));
        assertThat(report.at("/classifier_only/flagged_share").asDouble()).isCloseTo(direct.classifierOnly().flaggedShare(), within(1e-12));
        // Ambiguous counted as misaligned can only raise the rate.
        assertThat(report.at("/ppi/y_high/estimate").asDouble()).isGreaterThanOrEqualTo(report.at("/ppi/y_low/estimate").asDouble());
    }

    @Test
    void shouldNameTheLineAndTheProblemWhenTheInputIsBad() throws Exception {
        Path input = tmp.resolve("bad.jsonl");
        Files.writeString(input, "{\"score\": 0.2, \"label\": null}\n{\"score\": 0.2, \"label\": \"WRONG\", \"pi\": 0.5}\n");
        CommandLine cli = MonitorCli.commandLine();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));

        int code = cli.execute("estimate", "--input", input.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 2").contains("MISALIGNED, ALIGNED, AMBIGUOUS");
    }
}
