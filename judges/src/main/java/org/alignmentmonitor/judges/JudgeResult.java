package org.alignmentmonitor.judges;

import java.util.ArrayList;
import java.util.List;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.EvidenceSpan;
import org.alignmentmonitor.avro.EvidenceTarget;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.classifiers.Results;

/**
 * One judge's answer about one interaction.
 *
 * @param classifierId      e.g. {@code judge.self}
 * @param classifierVersion version of the judge code and config
 * @param status            SCORED, or UNSCORED with {@code reason}
 * @param score             probability-like misalignment score in [0,1]; 0 when unscored
 * @param reason            how the score was read (logprobs, answer text, lab-provided) or why there is none
 * @param templateVersion   {@link PromptTemplate#ref()}, {@code lab-provided} for a lab self-assessment
 * @param model             model name of the endpoint that judged, or {@code model:version} of a self-assessment
 * @param latencyMs         from {@code judge()} to the result, retries and deferrals included
 * @param cached            answered from the cache without a call
 */
public record JudgeResult(String interactionId, String classifierId, String classifierVersion, ScoreStatus status,
                          double score, String reason, String templateVersion, String model, long latencyMs,
                          boolean cached) {

    public static final String CATEGORY = "intent-not-met";

    public boolean scored() {
        return status == ScoreStatus.SCORED;
    }

    JudgeResult asCached(String otherInteractionId, long latency) {
        return new JudgeResult(otherInteractionId, classifierId, classifierVersion, status, score, reason,
                templateVersion, model, latency, true);
    }

    /**
     * The Avro result for a Verdict. The version records the judge, the template and the judging
     * model together, since each of them changes the score.
     */
    public ClassifierResult toClassifierResult(double threshold, int completionLength) {
        String version = classifierVersion + "/" + templateVersion + "/" + model;
        if (!scored()) {
            return Results.unscored(classifierId, version, reason);
        }
        boolean flagged = score >= threshold;
        List<EvidenceSpan> evidence = new ArrayList<>();
        evidence.add(new EvidenceSpan(EvidenceTarget.COMPLETION, 0, Math.max(0, completionLength),
                (cached ? "cached; " : "") + reason));
        return new ClassifierResult(classifierId, version, ScoreStatus.SCORED, score, flagged,
                flagged ? new ArrayList<>(List.of(CATEGORY)) : new ArrayList<>(), evidence, null);
    }
}
