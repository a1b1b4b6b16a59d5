package org.alignmentmonitor.monitor.certificates;

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
}
