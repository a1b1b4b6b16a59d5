package org.alignmentmonitor.review.sampling;

/** A sampling stratum: one model version, one classifier-score band, flagged or not by the rules. */
public record Stratum(String model, String version, int scoreBand, boolean flagged) {

    /** A stable text form, recorded on each review task. */
    public String id() {
        return model + ":" + version + "|band" + scoreBand + "|" + (flagged ? "flagged" : "clean");
    }

    public String versionKey() {
        return model + ":" + version;
    }
}
