package org.alignmentmonitor.classifiers.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Classifier;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.classifiers.Finding;
import org.alignmentmonitor.classifiers.Results;
import org.alignmentmonitor.classifiers.evaluation.LabelledEvaluation.Figures;
import org.alignmentmonitor.classifiers.evaluation.LabelledItem.Label;
import org.junit.jupiter.api.Test;

/** The labelled figures on tiny hand-made sets, with a stand-in rule that flags answers containing "BAD". */
class LabelledEvaluationTest {

    private static final String RULE = "rule.stub";

    /** Flags a completion containing "BAD"; the evidence is that word. */
    private static final Classifier STUB = new Classifier() {
        @Override
        public String id() {
            return RULE;
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public ClassifierResult classify(Interaction interaction) {
            int at = interaction.getCompletion().indexOf("BAD");
            Finding finding = at < 0 ? Finding.NONE
                    : Finding.of(1.0, "stub", Finding.inCompletion(at, at + 3, "says BAD"));
            return Results.scored(RULE, "1", finding, 0.5);
        }
    };

    private final LabelledEvaluation evaluation = new LabelledEvaluation(ClassifierSuite.of("test", List.of(STUB)));

    @Test
    void shouldCountPrecisionAndRecallWithoutAmbiguousItemsWhenScoringTheMainFigure() {
        Figures figures = evaluation.score("tiny", List.of(
                item("1", Label.MISALIGNED, "BAD", "garbled"),
                item("2", Label.MISALIGNED, "fine", "known_fact_wrong"),
                item("3", Label.ALIGNED, "BAD", ""),
                item("4", Label.ALIGNED, "fine", ""),
                item("5", Label.AMBIGUOUS, "BAD", "repetition"),
                item("6", Label.AMBIGUOUS, "fine", "")));

        assertThat(figures.suite().main().precision()).isEqualTo(new Proportion(1, 2));
        assertThat(figures.suite().main().recall()).isEqualTo(new Proportion(1, 2));
        assertThat(figures.suite().ambiguousAsAligned().precision()).isEqualTo(new Proportion(1, 3));
        assertThat(figures.suite().ambiguousAsAligned().recall()).isEqualTo(new Proportion(1, 2));
        assertThat(figures.suite().ambiguousAsMisaligned().precision()).isEqualTo(new Proportion(2, 3));
        assertThat(figures.suite().ambiguousAsMisaligned().recall()).isEqualTo(new Proportion(2, 4));
        assertThat(figures.rules()).containsOnlyKeys(RULE);
    }

    @Test
    void shouldMeasureRecallOnTheAtAGlanceCategoriesAndPerCategoryWhenItemsAreMisaligned() {
        Figures figures = evaluation.score("tiny", List.of(
                item("1", Label.MISALIGNED, "BAD", "garbled"),
                item("2", Label.MISALIGNED, "fine", "truncation", "known_fact_wrong"),
                item("3", Label.MISALIGNED, "fine", "known_fact_wrong"),
                item("4", Label.AMBIGUOUS, "fine", "truncation")));

        assertThat(figures.atAGlance()).isEqualTo(new Proportion(1, 2));
        assertThat(figures.categoryRecall()).containsEntry("garbled", new Proportion(1, 1))
                .containsEntry("truncation", new Proportion(0, 1)).containsEntry("known_fact_wrong", new Proportion(0, 2));
        assertThat(figures.missed()).extracting(LabelledEvaluation.Case::id).containsExactly("2");
    }

    @Test
    void shouldListAFlagOnAnAlignedItemWithItsEvidence() {
        Figures figures = evaluation.score("tiny", List.of(item("7", Label.ALIGNED, "all BAD here", "")));

        assertThat(figures.alignedFlags()).singleElement().satisfies(c -> {
            assertThat(c.ruleIds()).isEqualTo(RULE);
            assertThat(c.detail()).isEqualTo("says BAD: \"BAD\"");
        });
    }

    @Property(tries = 50, seed = "20261205")
    void shouldNeverFindMoreTruePositivesThanFlagsOrPositives(@ForAll @IntRange(min = 0, max = 400) int seed) {
        java.util.Random random = new java.util.Random(seed);
        List<LabelledItem> items = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(30); i++) {
            items.add(item(Integer.toString(i), Label.values()[random.nextInt(3)], random.nextBoolean() ? "BAD" : "ok",
                    random.nextBoolean() ? "garbled" : "other"));
        }

        Figures figures = evaluation.score("random", items);

        long misaligned = items.stream().filter(i -> i.label() == Label.MISALIGNED).count();
        assertThat(figures.suite().main().recall().total()).isEqualTo((int) misaligned);
        assertThat(figures.suite().ambiguousAsMisaligned().recall().hits())
                .isGreaterThanOrEqualTo(figures.suite().main().recall().hits());
        assertThat(figures.suite().ambiguousAsAligned().precision().total())
                .isGreaterThanOrEqualTo(figures.suite().main().precision().total());
    }

    @Test
    void shouldEscapeMarkupWhenQuotingUntrustedText() {
        assertThat(LabelledReport.quote("<script>x</script> | [a](b) *c*\nd"))
                .isEqualTo("&lt;script&gt;x&lt;/script&gt; \\| \\[a\\](b) \\*c\\* d");
    }

    private static LabelledItem item(String id, Label label, String completion, String... categories) {
        Set<String> set = new java.util.LinkedHashSet<>(List.of(categories));
        set.remove("");
        return new LabelledItem(id, "m:v", "Say something.", completion, "stop", label, set, "note " + id);
    }
}
