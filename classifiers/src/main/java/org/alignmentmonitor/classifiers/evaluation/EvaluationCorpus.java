package org.alignmentmonitor.classifiers.evaluation;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.alignmentmonitor.avro.Interaction;

/**
 * The labelled corpus shipped in the jar: a sample of real completions from the shared traffic
 * logs (the material of the corruptions) and the hand-labelled cases. The product never reads
 * the shared data at run time; {@link #selectSample} is how the shipped sample was made.
 */
public final class EvaluationCorpus {

    public static final String SAMPLE_RESOURCE = "traffic-sample.jsonl.gz";
    public static final String HAND_LABELLED_RESOURCE = "hand-labelled.jsonl";
    /** Every 20th interaction of each log, 40 per log: 280 over the 7 shared logs, spread over the prompt set. */
    static final int STRIDE = 20;
    static final int PER_LOG = 40;

    private EvaluationCorpus() {}

    public static List<Interaction> sample() {
        return read(SAMPLE_RESOURCE, true).stream().map(LabelledCase::interaction).toList();
    }

    public static List<LabelledCase> handLabelled() {
        return read(HAND_LABELLED_RESOURCE, false);
    }

    /** The sample as shipped: from each log of the directory (by file name), every {@value #STRIDE}th interaction, at most {@value #PER_LOG}. */
    public static List<Interaction> selectSample(Path trafficDirectory) {
        List<Interaction> sample = new ArrayList<>();
        for (Path log : TrafficLogs.files(trafficDirectory)) {
            List<Interaction> interactions = TrafficLogs.read(log);
            for (int i = 0, taken = 0; i < interactions.size() && taken < PER_LOG; i += STRIDE, taken++) {
                sample.add(interactions.get(i));
            }
        }
        return sample;
    }

    private static List<LabelledCase> read(String resource, boolean gzipped) {
        InputStream in = EvaluationCorpus.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("evaluation corpus resource " + resource + " is missing from the class path");
        }
        return CorpusFiles.read(in, gzipped);
    }
}
