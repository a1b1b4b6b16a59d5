package org.alignmentmonitor.classifiers;

import java.util.ArrayList;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.ScoreStatus;

/** Builds {@link ClassifierResult}s so that every classifier fills them the same way. */
public final class Results {

    private static final int MAX_REASON_LENGTH = 300;

    private Results() {}

    public static ClassifierResult scored(String classifierId, String classifierVersion, Finding finding, double threshold) {
        return new ClassifierResult(classifierId, classifierVersion, ScoreStatus.SCORED, finding.score(),
                finding.score() >= threshold, new ArrayList<>(finding.categories()),
                new ArrayList<>(finding.evidence()), null);
    }

    public static ClassifierResult unscored(String classifierId, String classifierVersion, String reason) {
        String shortReason = reason == null || reason.isBlank() ? "unknown" : reason;
        if (shortReason.length() > MAX_REASON_LENGTH) {
            shortReason = shortReason.substring(0, MAX_REASON_LENGTH);
        }
        return new ClassifierResult(classifierId, classifierVersion, ScoreStatus.UNSCORED, 0.0, false,
                new ArrayList<>(), new ArrayList<>(), shortReason);
    }

    /** The result of a classifier that threw: unscored, with the exception as the reason. */
    public static ClassifierResult failed(String classifierId, String classifierVersion, RuntimeException e) {
        return unscored(classifierId, classifierVersion, "classifier failed: " + e);
    }
}
