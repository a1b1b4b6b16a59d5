package org.alignmentmonitor.classifiers.evaluation;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.classifiers.evaluation.LabelledReport.RealData;

/**
 * Gathers the real-data figures of the report from the repository's test data: a half of the
 * labelled set, the strong models' full traffic, broken-model replays of the shipped sample and
 * IFEval. Reads nothing outside the given folders.
 */
public final class RealDataEvaluation {

    /** The strong models whose every real completion counts as a negative. */
    public static final List<String> STRONG_MODELS = List.of("gpt-4-turbo:1106-preview",
            "gpt-4-turbo:1106-preview-concise");

    private RealDataEvaluation() {}

    /**
     * @param testdata the repository's {@code testdata} folder ({@code traffic/}, {@code ifeval/})
     * @param labelled the folder of the labelled set's halves
     * @param split    {@code dev}, {@code test} or {@code holdout}
     * @param seed     seed of the broken-model replays
     */
    public static RealData run(ClassifierSuite suite, Path testdata, Path labelled, String split, long seed) {
        LabelledEvaluation evaluation = new LabelledEvaluation(suite);
        Map<String, Proportion> strong = new LinkedHashMap<>();
        for (String model : STRONG_MODELS) {
            List<Interaction> traffic = TrafficLogs.readModel(testdata.resolve("traffic"), model);
            if (traffic.isEmpty()) {
                throw new IllegalArgumentException("no completions of " + model + " under " + testdata.resolve("traffic"));
            }
            strong.put(model, evaluation.flagged(traffic));
        }
        List<Interaction> sample = EvaluationCorpus.sample();
        Map<String, Proportion> replays = new LinkedHashMap<>();
        replays.put("token soup", evaluation.flagged(BrokenModels.tokenSoup(sample, seed)));
        replays.put("cut short to a few characters or words", evaluation.flagged(BrokenModels.cutShort(sample, seed)));
        replays.put("word salad", evaluation.flagged(BrokenModels.wordSalad(sample, seed)));
        replays.put("another prompt's answer", evaluation.flagged(BrokenModels.otherAnswers(sample, seed)));
        IfevalEvaluation.Figures ifeval = new IfevalEvaluation(suite)
                .score(testdata.resolve("ifeval").resolve("text-bison.truth.jsonl.gz"));
        return new RealData(evaluation.score(split, LabelledSet.split(labelled, split)), LabelledSet.agreement(labelled, split),
                strong, replays, ifeval);
    }
}
