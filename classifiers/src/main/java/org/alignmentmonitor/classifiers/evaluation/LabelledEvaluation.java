package org.alignmentmonitor.classifiers.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.classifiers.evaluation.LabelledItem.Label;

/**
 * The suite and each of its rules against the hand-labelled real traffic: a flag is a positive, a
 * MISALIGNED label the truth. AMBIGUOUS items are left out of the main figures and bound them
 * instead (counted once as aligned, once as misaligned). Deterministic: no seed, no clock.
 */
public final class LabelledEvaluation {

    /** The manual's categories a text rule can see at a glance, without knowing any fact. */
    public static final Set<String> AT_A_GLANCE = Set.of("garbled", "truncation", "empty", "repetition", "prompt_echo",
            "wrong_language", "off_topic", "constraint_violation");

    /** Precision of the flags and recall of the positives. */
    public record Detection(Proportion precision, Proportion recall) {}

    /** The main figure (AMBIGUOUS left out) and its two bounds. */
    public record Bounds(Detection main, Detection ambiguousAsAligned, Detection ambiguousAsMisaligned) {}

    /** One item shown in the report: why it was flagged, or what the labeller saw that no rule did. */
    public record Case(String id, String label, String ruleIds, String prompt, String detail) {}

    /**
     * @param labels         items per label
     * @param suite          the whole suite
     * @param rules          each rule, in suite order
     * @param atAGlance      recall on MISALIGNED items with an at-a-glance category
     * @param categoryRecall recall on the MISALIGNED items of each labelled category
     * @param alignedFlags   flags on items labelled ALIGNED
     * @param missed         MISALIGNED items with an at-a-glance category that no rule flagged
     */
    public record Figures(String split, Map<Label, Integer> labels, Bounds suite, Map<String, Bounds> rules,
                          Proportion atAGlance, Map<String, Proportion> categoryRecall, List<Case> alignedFlags,
                          List<Case> missed) {}

    private final ClassifierSuite suite;

    public LabelledEvaluation(ClassifierSuite suite) {
        this.suite = suite;
    }

    public static LabelledEvaluation defaults() {
        return new LabelledEvaluation(ClassifierSuite.defaults());
    }

    public Figures score(String split, List<LabelledItem> items) {
        Map<Label, Integer> labels = new TreeMap<>();
        Counts suiteCounts = new Counts();
        Map<String, Counts> ruleCounts = new LinkedHashMap<>();
        suite.classifiers().forEach(rule -> ruleCounts.put(rule.id(), new Counts()));
        Proportion atAGlance = Proportion.EMPTY;
        Map<String, Proportion> categoryRecall = new TreeMap<>();
        List<Case> alignedFlags = new ArrayList<>();
        List<Case> missed = new ArrayList<>();
        for (LabelledItem item : items) {
            labels.merge(item.label(), 1, Integer::sum);
            Interaction interaction = item.interaction();
            Verdict verdict = suite.judge(interaction, 0L);
            List<ClassifierResult> flags = verdict.getResults().stream().filter(LabelledEvaluation::isFlag).toList();
            boolean flagged = !flags.isEmpty();
            suiteCounts.add(item.label(), flagged);
            for (ClassifierResult result : verdict.getResults()) {
                ruleCounts.get(result.getClassifierId()).add(item.label(), isFlag(result));
            }
            if (item.label() == Label.MISALIGNED) {
                boolean visible = item.categories().stream().anyMatch(AT_A_GLANCE::contains);
                if (visible) {
                    atAGlance = atAGlance.add(flagged);
                    if (!flagged) {
                        missed.add(new Case(item.id(), item.label().name(), "", head(item.prompt()),
                                String.join(", ", item.categories()) + ": " + item.note()));
                    }
                }
                item.categories().forEach(category ->
                        categoryRecall.merge(category, new Proportion(flagged ? 1 : 0, 1), LabelledEvaluation::plus));
            }
            if (flagged && item.label() != Label.MISALIGNED) {
                alignedFlags.add(new Case(item.id(), item.label().name(),
                        String.join(", ", flags.stream().map(ClassifierResult::getClassifierId).toList()),
                        head(item.prompt()), ClassifierEvaluation.evidence(interaction, flags.get(0))));
            }
        }
        Map<String, Bounds> rules = new LinkedHashMap<>();
        ruleCounts.forEach((id, counts) -> rules.put(id, counts.bounds()));
        return new Figures(split, labels, suiteCounts.bounds(), rules, atAGlance, categoryRecall, alignedFlags, missed);
    }

    /** The share of the interactions the suite flags. */
    public Proportion flagged(List<Interaction> interactions) {
        Proportion share = Proportion.EMPTY;
        for (Interaction interaction : interactions) {
            share = share.add(suite.judge(interaction, 0L).getFlagged());
        }
        return share;
    }

    private static boolean isFlag(ClassifierResult result) {
        return result.getStatus() == ScoreStatus.SCORED && result.getFlagged();
    }

    private static Proportion plus(Proportion a, Proportion b) {
        return new Proportion(a.hits() + b.hits(), a.total() + b.total());
    }

    private static String head(String text) {
        return ClassifierEvaluation.head(text);
    }

    /** Flag counts per label: enough for the main figure and both bounds. */
    private static final class Counts {
        private final Map<Label, int[]> flaggedOfLabel = new TreeMap<>(); // {flagged, total}

        void add(Label label, boolean flagged) {
            int[] count = flaggedOfLabel.computeIfAbsent(label, l -> new int[2]);
            count[0] += flagged ? 1 : 0;
            count[1]++;
        }

        Bounds bounds() {
            return new Bounds(detection(Set.of(Label.MISALIGNED), Set.of(Label.ALIGNED)),
                    detection(Set.of(Label.MISALIGNED), Set.of(Label.ALIGNED, Label.AMBIGUOUS)),
                    detection(Set.of(Label.MISALIGNED, Label.AMBIGUOUS), Set.of(Label.ALIGNED)));
        }

        private Detection detection(Set<Label> positive, Set<Label> negative) {
            int truePositives = 0;
            int positives = 0;
            int falsePositives = 0;
            for (Map.Entry<Label, int[]> entry : flaggedOfLabel.entrySet()) {
                if (positive.contains(entry.getKey())) {
                    truePositives += entry.getValue()[0];
                    positives += entry.getValue()[1];
                } else if (negative.contains(entry.getKey())) {
                    falsePositives += entry.getValue()[0];
                }
            }
            return new Detection(new Proportion(truePositives, truePositives + falsePositives),
                    new Proportion(truePositives, positives));
        }
    }
}
