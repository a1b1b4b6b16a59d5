package org.alignmentmonitor.monitor.cli;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.SuiteConfig;
import org.alignmentmonitor.classifiers.evaluation.ClassifierEvaluation;
import org.alignmentmonitor.classifiers.evaluation.CorpusFiles;
import org.alignmentmonitor.classifiers.evaluation.Evaluation;
import org.alignmentmonitor.classifiers.evaluation.EvaluationCorpus;
import org.alignmentmonitor.classifiers.evaluation.EvaluationReport;
import org.alignmentmonitor.classifiers.evaluation.TrafficLogs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Regenerates the classifier evaluation report: each rule's precision, recall and false-positive rate. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measures every built-in rule on the shipped labelled corpus (controlled corruptions of real",
                "completions, hand-labelled cases) and on a strong model's real completions; writes a Markdown report."})
final class EvaluateCommand implements Callable<Integer> {

    static final String DEFAULT_MODEL = "gpt-4-turbo:1106-preview";
    static final long DEFAULT_SEED = 42;

    @Option(names = "--traffic", paramLabel = "DIR",
            description = "Directory of OpenAI-style *.jsonl logs to measure false positives on"
                    + " (default: the shipped sample's completions of --model).")
    Path traffic;

    @Option(names = "--model", defaultValue = DEFAULT_MODEL, paramLabel = "NAME:VERSION",
            description = "Model whose real completions are taken as negatives (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--seed", defaultValue = "" + DEFAULT_SEED, description = "Seed of the corruptions (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "docs/classifier-evaluation.md", paramLabel = "FILE",
            description = "Report to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--write-sample", paramLabel = "FILE",
            description = "Instead of evaluating: select the shipped sample from --traffic and write it to FILE (gzipped JSONL).")
    Path writeSample;

    @Override
    public Integer call() throws Exception {
        if (writeSample != null) {
            return writeSample();
        }
        List<Interaction> sample = EvaluationCorpus.sample();
        List<Interaction> negatives = traffic == null
                ? sample.stream().filter(i -> model.equals(i.getModel() + ":" + i.getVersion())).toList()
                : TrafficLogs.readModel(traffic, model);
        if (negatives.isEmpty()) {
            throw new IllegalArgumentException("no interactions of model " + model
                    + (traffic == null ? " in the shipped sample" : " under " + traffic));
        }
        Evaluation evaluation = ClassifierEvaluation.defaults()
                .evaluate(sample, EvaluationCorpus.handLabelled(), model, negatives, seed);
        String report = EvaluationReport.markdown(evaluation, commandLine(), SuiteConfig.DEFAULT_VERSION);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("wrote " + out + (evaluation.meetsTargets() ? "" : " (targets not met)"));
        return 0;
    }

    private int writeSample() throws Exception {
        if (traffic == null) {
            throw new IllegalArgumentException("--write-sample needs --traffic");
        }
        List<Interaction> sample = EvaluationCorpus.selectSample(traffic);
        try (OutputStream file = Files.newOutputStream(writeSample)) {
            CorpusFiles.writeGzipped(sample, file);
        }
        System.out.println("wrote " + sample.size() + " interactions to " + writeSample);
        return 0;
    }

    /** The options as given, so that the report's header regenerates it. */
    private String commandLine() {
        return "./monitor evaluate" + (traffic == null ? "" : " --traffic " + traffic) + " --model " + model
                + " --seed " + seed + " --out " + out;
    }
}
