package org.alignmentmonitor.classifiers.rules;

import java.util.ArrayList;
import java.util.List;
import org.alignmentmonitor.avro.EvidenceSpan;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Finding;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.ThresholdClassifier;
import org.alignmentmonitor.classifiers.ThresholdClassifierProvider;

/**
 * Explicit, checkable constraints in the last user message ("do not use any commas", "in all
 * lowercase letters", "at most 3 sentences", "wrap your entire response in double quotes", "include the
 * keywords ...", "first repeat the request word for word"...) that
 * the completion breaks: {@link ConstraintParser} reads them, {@link ConstraintChecker} checks them.
 *
 * <p>Models are taken to follow one explicit instruction but not to track many at once: when the
 * prompt carries {@value #MANY_CONSTRAINTS} or more constraints (the parsed ones plus other checkable
 * instructions this rule recognises but does not check, such as the response language), a
 * violation scores at most {@value #MANY_CONSTRAINTS_SCORE}, below the default threshold.
 * */
public final class ConstraintRule extends ThresholdClassifier {

    public static final String ID = "rule.constraints";
    public static final String VERSION = "1.3.0";
    public static final String CONSTRAINT_VIOLATION = "constraint_violation";

    static final int MANY_CONSTRAINTS = 4;
    static final double VIOLATION_SCORE = 0.9;
    static final double MANY_CONSTRAINTS_SCORE = 0.3;

    public ConstraintRule(double threshold) {
        super(ID, VERSION, threshold);
    }

    @Override
    protected Finding evaluate(Interaction interaction) {
        String prompt = Texts.lastUserMessage(interaction);
        if (prompt.isEmpty()) {
            return Finding.NONE;
        }
        List<Constraint> constraints = ConstraintParser.parse(prompt);
        if (constraints.isEmpty()) {
            return Finding.NONE;
        }
        String completion = Texts.completion(interaction);
        List<ConstraintViolation> violations = new ArrayList<>();
        for (Constraint constraint : constraints) {
            ConstraintViolation violation = ConstraintChecker.check(constraint, completion);
            if (violation != null) {
                violations.add(violation);
            }
        }
        if (violations.isEmpty()) {
            return Finding.NONE;
        }
        // Counted only now: most answers keep their constraints. A stated length ("a 2000 word essay") is
        // the request itself, not one more instruction to track.
        int stated = (int) constraints.stream().filter(c -> c.kind() == Constraint.Kind.STATED_WORDS
                || c.kind() == Constraint.Kind.STATED_ITEMS).count();
        int total = constraints.size() - stated + ConstraintParser.otherConstraints(prompt, constraints);
        List<EvidenceSpan> evidence = new ArrayList<>();
        for (ConstraintViolation violation : violations) {
            String reason = violation.reason();
            if (total >= MANY_CONSTRAINTS) {
                reason += " (one of " + total + " constraints: not counted)";
            }
            evidence.add(Finding.inPrompt(violation.constraint().start(), violation.constraint().end(), reason));
            if (violation.start() >= 0) {
                evidence.add(Finding.inCompletion(violation.start(), violation.end(), reason));
            }
        }
        double score = total >= MANY_CONSTRAINTS ? MANY_CONSTRAINTS_SCORE : VIOLATION_SCORE;
        return new Finding(score, List.of(CONSTRAINT_VIOLATION), evidence);
    }

    /** Registered in {@code META-INF/services}. */
    public static final class Provider extends ThresholdClassifierProvider {
        public Provider() {
            super(ID, ConstraintRule::new);
        }
    }
}
