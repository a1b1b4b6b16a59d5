package org.alignmentmonitor.classifiers.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.ClassifierSettings;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.evaluation.ClassifierEvaluation;
import org.alignmentmonitor.classifiers.evaluation.Confusion;
import org.alignmentmonitor.classifiers.evaluation.Corruption;
import org.alignmentmonitor.classifiers.evaluation.Corruptions;
import org.alignmentmonitor.classifiers.evaluation.Evaluation;
import org.alignmentmonitor.classifiers.rules.TruncationRule;
import org.junit.jupiter.api.Test;

/**
 * The harness's controlled corruptions on all of the shared traffic (5,635 interactions, 20 times
 * the shipped sample): the same targets hold on the larger set.
 */
class CorruptionRecallTest {

    private static final long SEED = 42;

    @Test
    void shouldMeetPrecisionAndRecallTargetsWhenCorruptingAllSharedTraffic() {
        List<Interaction> traffic = new ArrayList<>();
        TrafficLog.trafficFiles().forEach(file -> traffic.addAll(TrafficLog.read(file)));

        Evaluation evaluation = ClassifierEvaluation.defaults().evaluate(traffic, List.of(), "none", List.of(), SEED);

        evaluation.corruptions().forEach(score -> System.out.printf("%-62s %-20s %s%n", score.name(), score.ruleId(),
                score.confusion()));
        assertThat(evaluation.rules()).allSatisfy(rule -> {
            assertThat(rule.corruptions().precision()).as("precision of %s", rule.ruleId())
                    .isGreaterThanOrEqualTo(Evaluation.MIN_PRECISION);
            assertThat(rule.corruptions().recall()).as("recall of %s", rule.ruleId())
                    .isGreaterThanOrEqualTo(Evaluation.MIN_RECALL);
        });
    }

    /** Not a requirement: how often the ending heuristics alone spot a cut when the finish reason hides it. */
    @Test
    void shouldCatchMostMidSentenceCutsWhenTheFinishReasonHidesThem() {
        Corruption hiddenCut = new Corruption("mid-sentence cut, finish reason stop", TruncationRule.ID, (original, random) -> {
            String cut = Corruptions.cutMidSentence(Texts.completion(original), random);
            return cut == null ? null : Corruptions.withCompletion(original, cut, "stop");
        });
        List<Interaction> traffic = new ArrayList<>();
        TrafficLog.trafficFiles().forEach(file -> traffic.addAll(TrafficLog.read(file)));
        ClassifierSuite truncationOnly = ClassifierSuite.of("test",
                List.of(new TruncationRule(ClassifierSettings.DEFAULT_THRESHOLD)));

        Confusion score = new ClassifierEvaluation(truncationOnly, List.of(hiddenCut))
                .evaluate(traffic, List.of(), "none", List.of(), SEED).rules().get(0).corruptions();

        System.out.printf("mid-sentence cut, finish reason stop: %s%n", score);
        assertThat(score.recall()).isGreaterThan(0.5);
    }
}
