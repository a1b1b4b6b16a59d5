package org.alignmentmonitor.classifiers.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.evaluation.ClassifierEvaluation;
import org.alignmentmonitor.classifiers.evaluation.Evaluation;
import org.alignmentmonitor.classifiers.SuiteConfig;
import org.alignmentmonitor.classifiers.evaluation.EvaluationCorpus;
import org.alignmentmonitor.classifiers.evaluation.EvaluationReport;
import org.alignmentmonitor.classifiers.evaluation.TrafficLogs;
import org.alignmentmonitor.classifiers.evaluation.Evaluation.RuleScore;
import org.alignmentmonitor.classifiers.rules.OffTopicRule;
import org.alignmentmonitor.classifiers.rules.TokenSoupRule;
import org.alignmentmonitor.classifiers.rules.WordSaladRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The targets of the evaluation report ({@code ./monitor evaluate --traffic testdata/traffic}). */
class ClassifierEvaluationTargetsTest {

    private static final String STRONG_MODEL = "gpt-4-turbo:1106-preview";
    /** Tests run in the module directory; the report lives in the repository's docs. */
    private static final Path COMMITTED_REPORT = Path.of("..", "docs", "classifier-evaluation.md");
    private static final String COMMAND = "./monitor evaluate --traffic testdata/traffic --model " + STRONG_MODEL
            + " --seed 42 --out docs/classifier-evaluation.md";

    private static Evaluation evaluation;

    @BeforeAll
    static void evaluate() {
        List<Interaction> strong = TrafficLogs.readModel(TrafficLog.dataDir().resolve("traffic"), STRONG_MODEL);
        evaluation = ClassifierEvaluation.defaults().evaluate(EvaluationCorpus.sample(), EvaluationCorpus.handLabelled(),
                STRONG_MODEL, strong, 42);
    }

    @Test
    void shouldMeetPrecisionAndRecallTargetsWhenEachRuleScoresItsCorruptionSet() {
        assertThat(evaluation.rules()).hasSize(ClassifierEvaluation.CATEGORIES.size());
        assertThat(evaluation.rules().stream().filter(RuleScore::hasCorruptions)).allSatisfy(rule -> {
            assertThat(rule.corruptions().precision()).as("precision of %s", rule.ruleId())
                    .isGreaterThanOrEqualTo(Evaluation.MIN_PRECISION);
            assertThat(rule.corruptions().recall()).as("recall of %s", rule.ruleId())
                    .isGreaterThanOrEqualTo(Evaluation.MIN_RECALL);
        });
    }

    @Test
    void shouldFlagAtMostThreePercentWhenJudgingTheStrongModelsRealCompletions() {
        assertThat(evaluation.trafficSize()).isEqualTo(805);
        assertThat(evaluation.suiteFalsePositiveRate()).isLessThanOrEqualTo(Evaluation.MAX_SUITE_FALSE_POSITIVE_RATE);
        assertThat(evaluation.meetsTargets()).isTrue();
    }

    /** The garbled and off-topic rules are measured on the labelled real-traffic set instead (testdata/labelled). */
    @Test
    void shouldHavePositivesAndNegativesForEveryRuleWhenReadingTheHandLabelledCases() {
        Set<String> measuredOnRealTraffic = Set.of(TokenSoupRule.ID, WordSaladRule.ID, OffTopicRule.ID);
        assertThat(evaluation.rules().stream().filter(rule -> !measuredOnRealTraffic.contains(rule.ruleId()))).allSatisfy(rule -> {
            assertThat(rule.handLabelled().positives()).as("positives of %s", rule.ruleId()).isGreaterThanOrEqualTo(5);
            assertThat(rule.handLabelled().negatives()).as("negatives of %s", rule.ruleId()).isGreaterThanOrEqualTo(5);
        });
    }

    @Test
    void shouldMatchTheCommittedReportWhenRegeneratedFromTheSameInputs() throws IOException {
        String regenerated = EvaluationReport.markdown(evaluation, COMMAND, SuiteConfig.DEFAULT_VERSION);

        assertThat(regenerated).as("docs/classifier-evaluation.md is stale: run " + COMMAND)
                .isEqualTo(Files.readString(COMMITTED_REPORT));
    }
}
