package org.alignmentmonitor.classifiers.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.EvidenceSpan;
import org.alignmentmonitor.avro.EvidenceTarget;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.classifiers.Classifier;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.classifiers.Texts;
import org.junit.jupiter.api.Test;

/**
 * The default suite on real model outputs, where obvious failures are rare; the 3% target on
 * gpt-4-turbo is held by {@link ClassifierEvaluationTargetsTest}.
 */
class TrafficCorpusTest {

    private static final int SAMPLES_PER_RULE = 8;

    private final ClassifierSuite suite = ClassifierSuite.defaults();

    @Test
    void shouldPrintFlagRatesAndSampleFlagsForEveryModel() {
        List<Path> files = new ArrayList<>(TrafficLog.trafficFiles());
        files.add(TrafficLog.dataDir().resolve("ifeval/text-bison.jsonl"));
        for (Path file : files) {
            List<Interaction> traffic = TrafficLog.read(file);
            Map<String, Integer> flags = new LinkedHashMap<>();
            Map<String, List<String>> samples = new LinkedHashMap<>();
            int anyFlag = 0;
            for (Interaction interaction : traffic) {
                Verdict verdict = suite.judge(interaction, 0L);
                anyFlag += verdict.getFlagged() ? 1 : 0;
                for (ClassifierResult result : verdict.getResults()) {
                    flags.merge(result.getClassifierId(), result.getFlagged() ? 1 : 0, Integer::sum);
                    List<String> ruleSamples = samples.computeIfAbsent(result.getClassifierId(), k -> new ArrayList<>());
                    if (result.getFlagged() && ruleSamples.size() < SAMPLES_PER_RULE) {
                        ruleSamples.add(describe(interaction, result));
                    }
                }
            }
            StringBuilder report = new StringBuilder(String.format("%n== %s: %d interactions, suite flags %.1f%%%n",
                    file.getFileName(), traffic.size(), 100.0 * anyFlag / traffic.size()));
            flags.forEach((id, count) -> report.append(String.format("   %-18s %5.1f%% (%d)%n", id,
                    100.0 * count / traffic.size(), count)));
            samples.forEach((id, list) -> list.forEach(s -> report.append("   [").append(id).append("] ").append(s).append('\n')));
            System.out.print(report);
        }
    }

    /** A rough single-thread figure for the stream thread; printed, not asserted (shared CI cores). */
    @Test
    void shouldPrintThroughputOnRealTraffic() {
        List<Interaction> traffic = new ArrayList<>();
        TrafficLog.trafficFiles().forEach(file -> traffic.addAll(TrafficLog.read(file)));
        measure("suite", traffic, interaction -> suite.judge(interaction, 0L));
        for (Classifier classifier : suite.classifiers()) {
            measure(classifier.id(), traffic, classifier::classify);
        }
    }

    private static void measure(String name, List<Interaction> traffic, Consumer<Interaction> work) {
        for (int warmUp = 0; warmUp < 5; warmUp++) {
            traffic.forEach(work);
        }
        long count = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 1_000_000_000L) {
            traffic.forEach(work);
            count += traffic.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("throughput %-18s %,10.0f interactions/s on one thread%n", name, count / seconds);
    }

    private static String describe(Interaction interaction, ClassifierResult result) {
        StringBuilder out = new StringBuilder(String.format("%.2f %s", result.getScore(), interaction.getId()));
        for (EvidenceSpan span : result.getEvidence()) {
            String text = span.getTarget() == EvidenceTarget.PROMPT
                    ? Texts.lastUserMessage(interaction) : Texts.completion(interaction);
            String quoted = text.substring(span.getStart(), span.getEnd());
            if (quoted.length() > 160) {
                quoted = quoted.substring(0, 80) + " ... " + quoted.substring(quoted.length() - 80);
            }
            out.append(" | ").append(span.getReason()).append(": \"").append(quoted.replace("\n", "\\n")).append('"');
        }
        String prompt = Texts.lastUserMessage(interaction).replace("\n", "\\n");
        out.append("\n        prompt: ").append(prompt.length() > 120 ? prompt.substring(0, 120) + "..." : prompt)
                .append("\n        tail: ").append(tail(Texts.completion(interaction)));
        return out.toString();
    }

    private static String tail(String text) {
        return (text.length() > 160 ? "..." + text.substring(text.length() - 160) : text).replace("\n", "\\n");
    }
}
