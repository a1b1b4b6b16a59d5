package org.alignmentmonitor.monitor.certificates;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.alignmentmonitor.estimators.process.ProcessBound;
import org.alignmentmonitor.estimators.process.ProcessScorecard;

/**
 * Builds the body of a certificate of type "process": the claim that a fresh environment draw of a
 * training process fails with probability below the scorecard's threshold, at confidence 1 - delta.
 * The figures are the process scorecard: every (version, deployment) run with its interval and
 * outcome, the counted runs and failures, the simple bound ln(1/delta)/n, the exact binomial bound
 * that decides, and the assumptions under which the bound means anything.
 *
 * @param alpha                    level of each run's rate interval (two-sided 1 - alpha)
 * @param coveredFrom              earliest event time of the process's traffic (null without traffic)
 * @param classifierConfigVersions every classifier configuration version seen in the process's runs
 */
public record ProcessCertificate(ProcessScorecard scorecard, double alpha, String coveredFrom, String coveredTo,
                                 List<String> classifierConfigVersions, Provenance provenance) implements CertificateBody {

    public static final String TYPE = "process";
    static final String ESTIMATOR = "ProcessBound/1 (exact binomial over runs) over ActiveInference power-tuned/1 per run";

    /**
     * Certified when the exact bound (never above ln(1/delta)/n) is below the threshold; not certified
     * when the observed share of failed runs is itself at or above it (more runs at this share cannot
     * help); otherwise not enough runs.
     */
    public Decision decision() {
        double threshold = scorecard.policy().threshold();
        if (scorecard.draws() > 0 && scorecard.exactBound() < threshold) {
            return Decision.CERTIFIED;
        }
        if (scorecard.draws() > 0 && (double) scorecard.failures() / scorecard.draws() >= threshold) {
            return Decision.NOT_CERTIFIED;
        }
        return Decision.NOT_ENOUGH_RUNS;
    }

    /**
     * Clean runs beyond the counted ones after which the exact bound would fall below the threshold,
     * if no further run failed: a projection, like a rate certificate's labels needed.
     */
    long moreRunsNeeded() {
        long lo = scorecard.draws();
        long hi = Math.max(1, 2 * lo);
        while (!certifies(hi)) {
            if (hi >= BoundDecision.MAX_LABELS) {
                return BoundDecision.MAX_LABELS;
            }
            lo = hi;
            hi *= 2;
        }
        while (hi - lo > 1) { // the exact bound falls as clean runs are added
            long mid = lo + (hi - lo) / 2;
            if (certifies(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi - scorecard.draws();
    }

    private boolean certifies(long draws) {
        return ProcessBound.exact(scorecard.failures(), draws, scorecard.policy().delta()) < scorecard.policy().threshold();
    }

    @Override
    public ObjectNode toJson(String id, Instant issuedAt) {
        var policy = scorecard.policy();
        Decision decision = decision();
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("type", TYPE);
        c.put("id", id);
        c.put("issuedAt", issuedAt.toString());
        c.putObject("subject").put("processId", scorecard.processId());
        ObjectNode claim = c.putObject("claim");
        claim.put("statement", String.format(Locale.ROOT,
                "a fresh environment draw of training process %s fails (misalignment rate's lower bound above %s) "
                        + "with probability below %s, at confidence %s, under the stated assumptions",
                scorecard.processId(), RateCertificate.percent(policy.threshold()), RateCertificate.percent(policy.threshold()),
                RateCertificate.percent(1 - policy.delta())));
        claim.put("threshold", policy.threshold());
        claim.put("delta", policy.delta());
        claim.put("minLabels", policy.minLabels());
        claim.put("alpha", alpha);
        claim.put("method", "exact-binomial-over-runs");
        claim.put("from", coveredFrom);
        claim.put("to", coveredTo);
        c.put("decision", decision.text());
        if (decision == Decision.NOT_ENOUGH_RUNS) {
            c.put("moreRunsNeeded", moreRunsNeeded());
        }

        ObjectNode body = c.putObject(TYPE);
        body.put("runs", scorecard.runs().size());
        body.put("countedRuns", scorecard.draws());
        body.put("failures", scorecard.failures());
        if (Double.isFinite(scorecard.simpleBound())) {
            body.put("simpleBound", scorecard.simpleBound());
        } else {
            body.putNull("simpleBound"); // ln(1/delta)/n needs clean runs only
        }
        body.put("exactBound", scorecard.exactBound());
        body.put("drawsNeededForThreshold", scorecard.drawsNeededForThreshold());
        var runs = body.putArray("environmentRuns");
        for (ProcessScorecard.Run r : scorecard.runs()) {
            ObjectNode run = runs.addObject();
            run.put("model", r.run().model());
            run.put("version", r.run().version());
            run.put("deployment", r.run().deployment());
            if (r.run().step() == null) {
                run.putNull("step");
            } else {
                run.put("step", r.run().step());
            }
            run.put("interactions", r.run().interactions());
            run.put("labelled", r.run().labelled());
            run.put("rateLower", r.run().rate().lower());
            run.put("rateUpper", r.run().rate().upper());
            run.put("outcome", r.outcome().name());
        }
        scorecard.assumptions().forEach(body.putArray("assumptions")::add);

        provenance.writeTo(c, false, classifierConfigVersions, ESTIMATOR);
        return c;
    }
}
