package org.alignmentmonitor.simulation;

/** One simulated interaction: the id the sampler hashes, the hidden truth and the classifier score. */
public record Interaction(String id, boolean misaligned, double score) {

    /** The classifier's own flag, as the stream sets it. */
    public boolean flagged() {
        return score >= 0.5;
    }
}
