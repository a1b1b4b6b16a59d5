package org.alignmentmonitor.monitor.certificates;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.alignmentmonitor.review.manual.LabellingManual;
import org.alignmentmonitor.review.sampling.SamplingPolicy;

/**
 * What, besides the counts, decided a certificate: the review sampling design (the salt only as a
 * digest: it must stay secret from the models' operators, yet an auditor given it can check it),
 * the labelling manual and the code that ran.
 */
public record Provenance(String samplerVersion, String saltSha256, double samplingFloor, long reviewBudgetPerHour,
                         String labellingManualVersion, String codeVersion) {

    public static Provenance of(SamplingPolicy policy) {
        return new Provenance(policy.version(), CanonicalJson.sha256(policy.salt()), policy.floor(), policy.budgetPerHour(),
                LabellingManual.bundled().version(), currentCodeVersion());
    }

    /** The release jar's version; outside a jar (tests, IDE) says so rather than guessing. */
    static String currentCodeVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build (no jar manifest)";
    }

    /**
     * Writes {@code provenance} into a certificate (the same for every type) and returns its
     * {@code estimators} object, to which a type may add its parameters.
     */
    ObjectNode writeTo(ObjectNode certificate, boolean uniformSampleAssumed, List<String> classifierConfigVersions,
                       String estimatorVersion) {
        ObjectNode p = certificate.putObject("provenance");
        ObjectNode sampling = p.putObject("sampling");
        sampling.put("samplerVersion", samplerVersion);
        sampling.put("saltSha256", saltSha256);
        sampling.put("floor", samplingFloor);
        sampling.put("budgetPerHour", reviewBudgetPerHour);
        sampling.put("uniformSampleAssumed", uniformSampleAssumed);
        p.put("labellingManualVersion", labellingManualVersion);
        classifierConfigVersions.stream().sorted().forEach(p.putArray("classifierConfigVersions")::add);
        ObjectNode est = p.putObject("estimators");
        est.put("method", estimatorVersion);
        p.put("codeVersion", codeVersion);
        return est;
    }
}
