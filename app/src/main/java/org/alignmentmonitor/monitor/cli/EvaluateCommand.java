package org.alignmentmonitor.monitor.cli;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.classifiers.SuiteConfig;
import org.alignmentmonitor.classifiers.evaluation.ClassifierEvaluation;
import org.alignmentmonitor.classifiers.evaluation.CorpusFiles;
import org.alignmentmonitor.classifiers.evaluation.Evaluation;
import org.alignmentmonitor.classifiers.evaluation.EvaluationCorpus;
import org.alignmentmonitor.classifiers.evaluation.EvaluationReport;
import org.alignmentmonitor.classifiers.evaluation.LabelledReport;
import org.alignmentmonitor.classifiers.evaluation.RealDataEvaluation;
import org.alignmentmonitor.classifiers.evaluation.TrafficLogs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Regenerates the classifier evaluation report: each rule's precision, recall and false-positive rate. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measures the built-in suite and each rule on real traffic first (a half of the hand-labelled set,",
                "the strong models' completions, broken-model replays, IFEval), then on controlled corruptions;",
                "writes a Markdown report."})
final class EvaluateCommand implements Callable<Integer> {

    static final String DEFAULT_MODEL = "gpt-4-turbo:1106-preview";
    static final long DEFAULT_SEED = 42;
    static final List<String> SPLITS = List.of("dev", "test", "holdout");

    @Option(names = "--traffic", paramLabel = "DIR",
            description = "Directory of OpenAI-style *.jsonl logs to measure false positives on"
                    + " (default: the shipped sample's completions of --model).")
    Path traffic;

    @Option(names = "--model", defaultValue = DEFAULT_MODEL, paramLabel = "NAME:VERSION",
            description = "Model whose real completions are taken as negatives (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--seed", defaultValue = "" + DEFAULT_SEED, description = "Seed of the corruptions (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--testdata", defaultValue = "testdata", paramLabel = "DIR",
            description = "The repository's test data: traffic/ and ifeval/ (default: ${DEFAULT-VALUE}).")
    Path testdata;

    @Option(names = "--labelled", defaultValue = "testdata/labelled", paramLabel = "DIR",
            description = "Folder of the hand-labelled set: dev.jsonl, test.jsonl, holdout.jsonl (default: ${DEFAULT-VALUE}).")
    Path labelled;

    @Option(names = "--split", defaultValue = "holdout", paramLabel = "dev|test|holdout",
            description = {"Split of the labelled set to score (default: ${DEFAULT-VALUE}, the frozen blind round-2 set;",
                    "dev and test are round 1, both studied since: tune on those only)."})
    String split;

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
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("--split must be one of " + SPLITS + ", not " + split);
        }
        ClassifierSuite suite = ClassifierSuite.defaults();
        String report = LabelledReport.markdown(RealDataEvaluation.run(suite, testdata, labelled, split, seed),
                commandLine(), SuiteConfig.DEFAULT_VERSION, EvaluationReport.secondary(evaluation));
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
                + " --seed " + seed + " --testdata " + testdata + " --labelled " + labelled + " --split " + split
                + " --out " + out;
    }
}
