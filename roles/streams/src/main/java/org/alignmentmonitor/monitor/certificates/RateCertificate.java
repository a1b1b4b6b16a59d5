package org.alignmentmonitor.monitor.certificates;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.estimators.Estimates;

/**
 * Builds the body of a certificate of type "rate": one model version over one window, decided for
 * both ambiguity bounds. The envelope (type, id, issuedAt, subject, claim, decision, provenance)
 * is shared by every certificate type; the type-specific figures sit under a key named after the
 * type ("rate" here), so another type (e.g. "process") adds its own key and builder.
 *
 * @param coveredFrom the window actually merged (whole buckets; wider than asked where only rollups remain)
 */
public record RateCertificate(CertificateRequest request, long coveredFrom, long coveredTo, Counts counts,
                              List<String> classifierConfigVersions, Estimates estimates, Provenance provenance)
        implements CertificateBody {

    public static final String TYPE = "rate";

    /** The window's counts, as the rates API reports them. */
    public record Counts(long interactions, long flagged, long misaligned, long aligned, long ambiguous) {
        public long labelled() {
            return misaligned + aligned + ambiguous;
        }
    }

    @Override
    public ObjectNode toJson(String id, Instant issuedAt) {
        EstimationOptions options = EstimationOptions.withAlpha(request.alpha());
        BoundDecision low = BoundDecision.decide(estimates.low(), request.method(), request.bound(), options);
        BoundDecision high = BoundDecision.decide(estimates.high(), request.method(), request.bound(), options);
        Decision overall = low.decision().worse(high.decision());

        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("type", TYPE);
        c.put("id", id);
        c.put("issuedAt", issuedAt.toString());
        ObjectNode subject = c.putObject("subject");
        subject.put("model", request.model());
        subject.put("version", request.version());
        ObjectNode claim = c.putObject("claim");
        claim.put("statement", String.format(Locale.ROOT,
                "the obviously-misaligned rate of %s:%s over [%s, %s) is below %s at confidence %s",
                request.model(), request.version(), Instant.ofEpochMilli(coveredFrom), Instant.ofEpochMilli(coveredTo),
                percent(request.bound()), percent(1 - request.alpha())));
        claim.put("bound", request.bound());
        claim.put("alpha", request.alpha());
        claim.put("mode", request.mode().id());
        claim.put("method", request.method().id());
        claim.put("requestedFrom", Instant.ofEpochMilli(request.from()).toString());
        claim.put("requestedTo", Instant.ofEpochMilli(request.to()).toString());
        claim.put("from", Instant.ofEpochMilli(coveredFrom).toString());
        claim.put("to", Instant.ofEpochMilli(coveredTo).toString());
        c.put("decision", overall.text());
        if (overall == Decision.NOT_ENOUGH_LABELS) {
            c.put("moreLabelsNeeded", Math.max(low.moreLabelsNeeded(), high.moreLabelsNeeded()));
        }

        ObjectNode rate = c.putObject(TYPE);
        ObjectNode n = rate.putObject("counts");
        n.put("interactions", counts.interactions());
        n.put("flagged", counts.flagged());
        n.put("labelled", counts.labelled());
        n.put("misaligned", counts.misaligned());
        n.put("aligned", counts.aligned());
        n.put("ambiguous", counts.ambiguous());
        bound(rate.putObject("low"), "AMBIGUOUS counted as aligned", low);
        bound(rate.putObject("high"), "AMBIGUOUS counted as misaligned", high);

        ObjectNode est = provenance.writeTo(c, request.method().assumesUniformSample(), classifierConfigVersions,
                request.method().estimatorVersion());
        if (request.method() == Method.CONFIDENCE_SEQUENCE) {
            est.put("priorA", options.csPriorA());
            est.put("priorB", options.csPriorB());
        }
        return c;
    }

    private static void bound(ObjectNode o, String meaning, BoundDecision d) {
        o.put("meaning", meaning);
        o.put("decision", d.decision().text());
        o.put("labelled", d.labelled());
        o.put("positives", d.positives());
        if (Double.isFinite(d.estimate())) {
            o.put("estimate", d.estimate());
        } else {
            o.putNull("estimate"); // no interactions or no labels: nothing to estimate from
        }
        o.put("effectiveLabels", d.effectiveLabels());
        o.put("lower", d.lower());
        o.put("upper", d.upper());
        o.put("moreLabelsNeeded", d.moreLabelsNeeded());
    }

    static String percent(double v) {
        return String.format(Locale.ROOT, "%s%%", new BigDecimal(v * 100).round(new MathContext(6)).stripTrailingZeros().toPlainString());
    }
}
