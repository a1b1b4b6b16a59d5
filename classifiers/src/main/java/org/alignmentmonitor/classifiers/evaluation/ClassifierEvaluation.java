package org.alignmentmonitor.classifiers.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.EvidenceSpan;
import org.alignmentmonitor.avro.EvidenceTarget;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.classifiers.Classifier;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.evaluation.Evaluation.CorruptionScore;
import org.alignmentmonitor.classifiers.evaluation.Evaluation.Flag;
import org.alignmentmonitor.classifiers.evaluation.Evaluation.RuleScore;
import org.alignmentmonitor.classifiers.rules.BenignRefusalRule;
import org.alignmentmonitor.classifiers.rules.ConstraintRule;
import org.alignmentmonitor.classifiers.rules.GibberishRule;
import org.alignmentmonitor.classifiers.rules.InjectionRule;
import org.alignmentmonitor.classifiers.rules.LanguageRule;
import org.alignmentmonitor.classifiers.rules.ProfanityRule;
import org.alignmentmonitor.classifiers.rules.PromptEchoRule;
import org.alignmentmonitor.classifiers.rules.RepetitionRule;
import org.alignmentmonitor.classifiers.rules.TokenSoupRule;
import org.alignmentmonitor.classifiers.rules.TruncationRule;
import org.alignmentmonitor.classifiers.rules.WordSaladRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures each rule of a suite: precision and recall on controlled corruptions of real
 * completions and on hand-labelled cases, and how often it flags a strong model's real
 * completions. Deterministic: the same inputs and seed give the same {@link Evaluation}.
 */
public final class ClassifierEvaluation {

    private static final Logger log = LoggerFactory.getLogger(ClassifierEvaluation.class);

    /** The categories each built-in rule reports; the hand-labelled truth is written in these. */
    public static final Map<String, List<String>> CATEGORIES = Map.ofEntries(
            Map.entry(TruncationRule.ID, List.of(TruncationRule.TRUNCATION, TruncationRule.EMPTY)),
            Map.entry(RepetitionRule.ID, List.of(RepetitionRule.REPETITION)),
            Map.entry(PromptEchoRule.ID, List.of(PromptEchoRule.PROMPT_ECHO)),
            Map.entry(ConstraintRule.ID, List.of(ConstraintRule.CONSTRAINT_VIOLATION)),
            Map.entry(LanguageRule.ID, List.of(LanguageRule.WRONG_LANGUAGE)),
            Map.entry(ProfanityRule.ID, List.of(ProfanityRule.TOXICITY)),
            Map.entry(GibberishRule.ID, List.of(GibberishRule.GIBBERISH)),
            Map.entry(InjectionRule.ID, List.of(InjectionRule.GRADER_MANIPULATION)),
            Map.entry(BenignRefusalRule.ID, List.of(BenignRefusalRule.UNWARRANTED_REFUSAL)),
            Map.entry(TokenSoupRule.ID, List.of(TokenSoupRule.GARBLED)),
            Map.entry(WordSaladRule.ID, List.of(WordSaladRule.GARBLED)));

    private static final int PROMPT_CHARS = 90;

    private final ClassifierSuite suite;
    private final List<Corruption> corruptions;

    public ClassifierEvaluation(ClassifierSuite suite, List<Corruption> corruptions) {
        this.suite = suite;
        this.corruptions = List.copyOf(corruptions);
    }

    /** The built-in suite against the standard corruptions. */
    public static ClassifierEvaluation defaults() {
        return new ClassifierEvaluation(ClassifierSuite.defaults(), Corruptions.all());
    }

    /**
     * @param sample       real interactions, assumed free of the failures (a few real failures among them make
     *                     the precision a lower bound)
     * @param handLabelled cases with their truth
     * @param trafficModel {@code name:version} of {@code traffic}, for the report
     * @param traffic      a strong model's real interactions: every flag there is counted as a false positive
     */
    public Evaluation evaluate(List<Interaction> sample, List<LabelledCase> handLabelled, String trafficModel,
                               List<Interaction> traffic, long seed) {
        List<CorruptionScore> corruptionScores = new ArrayList<>();
        List<RuleScore> ruleScores = new ArrayList<>();
        List<Flag> handLabelledErrors = new ArrayList<>();
        List<Flag> trafficFlags = new ArrayList<>();
        for (Classifier rule : suite.classifiers()) {
            // The off-topic rule has no corruption set: a canned unrelated answer is too easy a test; the
            // other-answer replay and the labelled real traffic measure it (RealDataEvaluation).
            if (!CATEGORIES.containsKey(rule.id())) {
                continue;
            }
            List<String> categories = CATEGORIES.get(rule.id());
            Confusion corrupted = corruptions(rule, sample, seed, corruptionScores);
            Confusion labelled = handLabelled(rule, categories, handLabelled, handLabelledErrors);
            int flags = trafficFlags(rule, traffic, trafficFlags);
            ruleScores.add(new RuleScore(rule.id(), categories, corrupted, labelled, flags, traffic.size()));
            log.info("{}: corruptions {}, hand-labelled {}, {} flags on {}", rule.id(), corrupted, labelled, flags,
                    trafficModel);
        }
        Confusion suiteLabelled = Confusion.EMPTY;
        for (LabelledCase labelledCase : handLabelled) {
            suiteLabelled = suiteLabelled.add(!labelledCase.truth().isEmpty(),
                    suite.judge(labelledCase.interaction(), 0L).getFlagged());
        }
        int suiteFlags = 0;
        for (Interaction interaction : traffic) {
            suiteFlags += suite.judge(interaction, 0L).getFlagged() ? 1 : 0;
        }
        return new Evaluation(seed, sample.size(), handLabelled.size(), trafficModel, traffic.size(), corruptionScores,
                ruleScores, suiteLabelled, suiteFlags, trafficFlags, handLabelledErrors);
    }

    /** All the rule's corruptions together, the untouched sample counted once as negatives; adds a score per corruption. */
    private Confusion corruptions(Classifier rule, List<Interaction> sample, long seed, List<CorruptionScore> scores) {
        Confusion originals = Confusion.EMPTY;
        for (Interaction original : sample) {
            originals = originals.addNegative(flagged(rule, original));
        }
        Confusion all = originals;
        for (Corruption corruption : corruptions) {
            if (corruption.ruleId().equals(rule.id())) {
                Confusion positives = corruptionPositives(rule, corruption, sample, seed);
                scores.add(new CorruptionScore(corruption.name(), rule.id(), originals.plus(positives)));
                all = all.plus(positives);
            }
        }
        return all;
    }

    private static Confusion handLabelled(Classifier rule, List<String> categories, List<LabelledCase> cases,
                                          List<Flag> errors) {
        Confusion labelled = Confusion.EMPTY;
        for (LabelledCase labelledCase : cases) {
            boolean truth = labelledCase.truth().stream().anyMatch(categories::contains);
            boolean flagged = flagged(rule, labelledCase.interaction());
            labelled = labelled.add(truth, flagged);
            if (truth != flagged) {
                errors.add(new Flag(labelledCase.id(), rule.id(), truth,
                        head(Texts.lastUserMessage(labelledCase.interaction())), labelledCase.note()));
            }
        }
        return labelled;
    }

    /** The rule's flags on the traffic. */
    private static int trafficFlags(Classifier rule, List<Interaction> traffic, List<Flag> flags) {
        int count = 0;
        for (int i = 0; i < traffic.size(); i++) {
            ClassifierResult result = rule.classify(traffic.get(i));
            if (isFlag(result)) {
                count++;
                flags.add(new Flag(traffic.get(i).getId(), rule.id(), false, head(Texts.lastUserMessage(traffic.get(i))),
                        evidence(traffic.get(i), result)));
            }
        }
        return count;
    }

    private static Confusion corruptionPositives(Classifier rule, Corruption corruption, List<Interaction> sample, long seed) {
        Random random = corruption.random(seed);
        Confusion positives = Confusion.EMPTY;
        for (Interaction original : sample) {
            Interaction corrupted = corruption.generator().corrupt(original, random);
            if (corrupted != null) {
                positives = positives.addPositive(flagged(rule, corrupted));
            }
        }
        return positives;
    }

    private static boolean flagged(Classifier rule, Interaction interaction) {
        return isFlag(rule.classify(interaction));
    }

    private static boolean isFlag(ClassifierResult result) {
        return result.getStatus() == ScoreStatus.SCORED && result.getFlagged();
    }

    /** The first evidence span's reason and quoted text, shortened. */
    static String evidence(Interaction interaction, ClassifierResult result) {
        if (result.getEvidence().isEmpty()) {
            return String.format("score %.2f", result.getScore());
        }
        EvidenceSpan span = result.getEvidence().get(0);
        String text = span.getTarget() == EvidenceTarget.PROMPT
                ? Texts.lastUserMessage(interaction) : Texts.completion(interaction);
        String quoted = text.substring(Math.max(0, Math.min(span.getStart(), text.length())),
                Math.max(0, Math.min(span.getEnd(), text.length())));
        return span.getReason() + ": \"" + head(quoted) + "\"";
    }

    static String head(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= PROMPT_CHARS ? oneLine : oneLine.substring(0, PROMPT_CHARS) + "...";
    }
}
