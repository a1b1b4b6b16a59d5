package org.alignmentmonitor.monitor.certificates;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a certificate decides, with the version of the estimator code behind it. Which methods are
 * valid depends on how the question is asked: a window decided once ({@link Mode#FIXED}) may use a
 * fixed-sample interval; a stream watched continuously ({@link Mode#CONTINUOUS}) needs the
 * confidence sequence, whose guarantee survives checking after every label.
 */
public enum Method {
    /** Small-rate corrected PPI (effective-sample Clopper-Pearson): valid under any review design. */
    PPI_CORRECTED("ppi-corrected", "EffectiveSampleInterval/1 over ActiveInference power-tuned/1", Mode.FIXED),
    /** Clopper-Pearson on the labels: exact, but only for a uniform review sample. */
    EXACT("clopper-pearson", "ClopperPearson/1", Mode.FIXED),
    /** Beta-binomial mixture confidence sequence on the labels: anytime-valid, for a uniform review sample. */
    CONFIDENCE_SEQUENCE("confidence-sequence", "BetaBinomialConfidenceSequence/1", Mode.CONTINUOUS);

    /** A window decided once, or a stream whose certificate is re-checked as labels arrive. */
    public enum Mode {
        FIXED, CONTINUOUS;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode parse(String id) {
            return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("mode must be fixed or continuous, got '" + id + "'"));
        }

        /** The method used when none is asked for. */
        public Method defaultMethod() {
            return this == FIXED ? PPI_CORRECTED : CONFIDENCE_SEQUENCE;
        }
    }

    private final String id;
    private final String estimatorVersion;
    private final Mode mode;

    Method(String id, String estimatorVersion, Mode mode) {
        this.id = id;
        this.estimatorVersion = estimatorVersion;
        this.mode = mode;
    }

    public String id() {
        return id;
    }

    public String estimatorVersion() {
        return estimatorVersion;
    }

    public Mode mode() {
        return mode;
    }

    /** Whether the method ignores the inclusion probabilities (and so needs a uniform review sample). */
    public boolean assumesUniformSample() {
        return this != PPI_CORRECTED;
    }

    public static Method parse(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("method must be ppi-corrected, clopper-pearson or confidence-sequence, got '" + id + "'"));
    }
}
