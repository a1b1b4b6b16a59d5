package org.alignmentmonitor.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.classifiers.rules.BenignRefusalRule;
import org.alignmentmonitor.classifiers.rules.ConstraintRule;
import org.alignmentmonitor.classifiers.rules.GibberishRule;
import org.alignmentmonitor.classifiers.rules.InjectionRule;
import org.alignmentmonitor.classifiers.rules.LanguageRule;
import org.alignmentmonitor.classifiers.rules.OffTopicRule;
import org.alignmentmonitor.classifiers.rules.ProfanityRule;
import org.alignmentmonitor.classifiers.rules.PromptEchoRule;
import org.alignmentmonitor.classifiers.rules.RepetitionRule;
import org.alignmentmonitor.classifiers.rules.TokenSoupRule;
import org.alignmentmonitor.classifiers.rules.TruncationRule;
import org.alignmentmonitor.classifiers.rules.WordSaladRule;
import org.junit.jupiter.api.Test;

class ClassifierSuiteTest {

    private static final Interaction ANSWER = Interactions.of("What is the capital of France?", "Paris is the capital of France.");

    @Test
    void shouldRunTheBuiltInRulesInOrderByDefault() {
        ClassifierSuite suite = ClassifierSuite.defaults();

        assertThat(suite.classifiers()).extracting(Classifier::id)
                .containsExactly(TruncationRule.ID, RepetitionRule.ID, PromptEchoRule.ID, ConstraintRule.ID,
                        LanguageRule.ID, ProfanityRule.ID, GibberishRule.ID, InjectionRule.ID, BenignRefusalRule.ID,
                        TokenSoupRule.ID, WordSaladRule.ID, OffTopicRule.ID);
        assertThat(suite.classifiers()).extracting(Classifier::version).allMatch(v -> v.matches("\\d+\\.\\d+\\.\\d+"));
        assertThat(suite.configVersion()).isEqualTo(SuiteConfig.DEFAULT_VERSION);
    }

    @Test
    void shouldNotFlagAGoodAnswer() {
        Verdict verdict = ClassifierSuite.defaults().judge(ANSWER, 5_000L);

        assertThat(verdict.getFlagged()).isFalse();
        assertThat(verdict.getScore()).isZero();
        assertThat(verdict.getResults()).hasSize(12).allMatch(r -> r.getStatus() == ScoreStatus.SCORED && !r.getFlagged());
    }

    @Test
    void shouldCopyTheInteractionIdentityAndTimesIntoTheVerdict() {
        Verdict verdict = ClassifierSuite.defaults().judge(ANSWER, 5_000L);

        assertThat(verdict.getInteractionId()).isEqualTo("test-1");
        assertThat(verdict.getModel()).isEqualTo("model");
        assertThat(verdict.getVersion()).isEqualTo("v1");
        assertThat(verdict.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(verdict.getJudgedAt()).isEqualTo(Instant.ofEpochMilli(5_000));
        assertThat(verdict.getClassifierConfigVersion()).isEqualTo(SuiteConfig.DEFAULT_VERSION);
    }

    @Test
    void shouldFlagWhenAnyClassifierFlagsAndScoreTheMaximum() {
        ClassifierSuite suite = ClassifierSuite.of("test-1", List.of(
                new FixedScoreClassifier("a", 0.3, 0.5), new FixedScoreClassifier("b", 0.6, 0.5),
                new FixedScoreClassifier("c", 0.2, 0.1)));

        Verdict verdict = suite.judge(ANSWER, 0L);

        assertThat(verdict.getFlagged()).isTrue();
        assertThat(verdict.getScore()).isEqualTo(0.6);
        assertThat(verdict.getResults()).extracting(ClassifierResult::getFlagged).containsExactly(false, true, true);
    }

    @Test
    void shouldKeepTheVerdictWhenOneClassifierThrows() {
        Classifier broken = classifier("broken", interaction -> {
            throw new IllegalStateException("boom");
        });
        ClassifierSuite suite = ClassifierSuite.of("test-1", List.of(broken, new FixedScoreClassifier("b", 0.6, 0.5)));

        Verdict verdict = suite.judge(ANSWER, 0L);

        ClassifierResult failed = verdict.getResults().get(0);
        assertThat(failed.getStatus()).isEqualTo(ScoreStatus.UNSCORED);
        assertThat(failed.getUnscoredReason()).contains("IllegalStateException").contains("boom");
        assertThat(failed.getFlagged()).isFalse();
        assertThat(verdict.getFlagged()).isTrue();
        assertThat(verdict.getScore()).isEqualTo(0.6);
    }

    @Test
    void shouldTurnAnExceptionInsideARuleIntoAnUnscoredResult() {
        ThresholdClassifier failing = new ThresholdClassifier("failing", "1", 0.5) {
            @Override
            protected Finding evaluate(Interaction interaction) {
                throw new ArithmeticException("divide by zero");
            }
        };

        ClassifierResult result = failing.classify(ANSWER);

        assertThat(result.getStatus()).isEqualTo(ScoreStatus.UNSCORED);
        assertThat(result.getUnscoredReason()).contains("divide by zero");
    }

    @Test
    void shouldTurnMissingResultsAndInvalidScoresIntoUnscoredResults() {
        Finding found = Finding.of(0.9, "x", Finding.inCompletion(0, 0, "x"));
        Classifier invalid = classifier("invalid", interaction -> {
            ClassifierResult result = Results.scored("invalid", "1", found, 0.5);
            result.setScore(Double.NaN);
            return result;
        });
        Classifier silent = classifier("silent", interaction -> null);
        ClassifierSuite suite = ClassifierSuite.of("test-1", List.of(invalid, silent));

        Verdict verdict = suite.judge(ANSWER, 0L);

        assertThat(verdict.getResults()).extracting(ClassifierResult::getUnscoredReason)
                .containsExactly("score outside [0,1]: NaN", "classifier returned no result");
        assertThat(verdict.getFlagged()).isFalse();
        assertThat(verdict.getScore()).isZero();
    }

    @Test
    void shouldJudgeAnInteractionWhoseFieldsAreAllNull() {
        Verdict verdict = ClassifierSuite.defaults().judge(new Interaction(), 0L);

        assertThat(verdict.getInteractionId()).isEmpty();
        assertThat(verdict.getResults()).hasSize(12).allMatch(r -> r.getStatus() == ScoreStatus.SCORED);
    }

    @Test
    void shouldBuildFromConfigInConfigOrderSkippingDisabledClassifiers() {
        Map<String, ClassifierSettings> settings = new LinkedHashMap<>();
        settings.put(PromptEchoRule.ID, ClassifierSettings.withThreshold(0.9));
        settings.put(TruncationRule.ID, new ClassifierSettings(false, 0.5));
        settings.put(RepetitionRule.ID, ClassifierSettings.defaults());

        ClassifierSuite suite = ClassifierSuite.fromConfig(new SuiteConfig("custom-7", settings));

        assertThat(suite.configVersion()).isEqualTo("custom-7");
        assertThat(suite.classifiers()).extracting(Classifier::id).containsExactly(PromptEchoRule.ID, RepetitionRule.ID);
        assertThat(((ThresholdClassifier) suite.classifiers().get(0)).threshold()).isEqualTo(0.9);
    }

    @Test
    void shouldApplyTheConfiguredThreshold() {
        Interaction cut = Interactions.of("Tell me about Paris.", "Paris is the capital of", "length");
        ClassifierSuite strict = ClassifierSuite.fromConfig(
                new SuiteConfig("strict", Map.of(TruncationRule.ID, ClassifierSettings.withThreshold(1.0))));
        ClassifierSuite lax = ClassifierSuite.fromConfig(
                new SuiteConfig("lax", Map.of(TruncationRule.ID, new ClassifierSettings(true, 0.0))));

        assertThat(strict.judge(cut, 0L).getFlagged()).isTrue();
        assertThat(lax.judge(ANSWER, 0L).getFlagged()).isTrue();
    }

    @Test
    void shouldRejectAnUnknownClassifierIdAndListTheKnownOnes() {
        SuiteConfig config = new SuiteConfig("v9", Map.of("rule.typo", ClassifierSettings.defaults()));

        assertThatThrownBy(() -> ClassifierSuite.fromConfig(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown classifier id 'rule.typo' in config v9")
                .hasMessageContaining(TruncationRule.ID);
    }

    @Test
    void shouldRejectAThresholdOutsideTheUnitInterval() {
        assertThatThrownBy(() -> ClassifierSettings.withThreshold(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold must be in [0,1], was 1.5");
        assertThatThrownBy(() -> ClassifierSettings.withThreshold(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TruncationRule(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectABlankVersionOrMissingSettings() {
        Map<String, ClassifierSettings> missing = new LinkedHashMap<>();
        missing.put(TruncationRule.ID, null);

        assertThatThrownBy(() -> new SuiteConfig(" ", Map.of())).hasMessageContaining("version must not be blank");
        assertThatThrownBy(() -> new SuiteConfig("v1", missing))
                .hasMessageContaining("missing settings for classifier 'rule.truncation'");
    }

    @Test
    void shouldRejectDuplicateClassifierIds() {
        List<Classifier> twice = List.of(new FixedScoreClassifier("a", 0.1, 0.5), new FixedScoreClassifier("a", 0.2, 0.5));

        assertThatThrownBy(() -> ClassifierSuite.of("v1", twice)).hasMessageContaining("duplicate classifier id 'a'");
        assertThatThrownBy(() -> ClassifierProviders.of(List.of(new TruncationRule.Provider(), new TruncationRule.Provider())))
                .hasMessageContaining("'rule.truncation' is provided by both");
    }

    @Test
    void shouldDiscoverBuiltInAndPluggedInProvidersThroughTheServiceLoader() {
        ClassifierProviders providers = ClassifierProviders.load();

        assertThat(providers.ids()).contains(TruncationRule.ID, RepetitionRule.ID, PromptEchoRule.ID, FixedScoreClassifier.ID);

        ClassifierSuite suite = ClassifierSuite.fromConfig(
                new SuiteConfig("with-plugin", Map.of(FixedScoreClassifier.ID, ClassifierSettings.defaults())), providers);
        assertThat(suite.judge(ANSWER, 0L).getScore()).isEqualTo(0.7);
    }

    private static Classifier classifier(String id, Function<Interaction, ClassifierResult> classify) {
        return new Classifier() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String version() {
                return "1";
            }

            @Override
            public ClassifierResult classify(Interaction interaction) {
                return classify.apply(interaction);
            }
        };
    }
}
