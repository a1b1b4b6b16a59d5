package org.alignmentmonitor.streams.judging;

import org.alignmentmonitor.review.sampling.InclusionHash;

/**
 * Which classified interactions are handed to the asynchronous judges. The draw hashes the
 * interaction id with a salt, like review sampling, so anyone can re-derive which were judged.
 *
 * @param fraction share of interactions sent to {@code judge-requests}; 0 turns judging off
 * @param salt     salt of the draw
 */
public record JudgingSettings(double fraction, String salt) {

    public static final JudgingSettings OFF = new JudgingSettings(0.0, "judges");

    public JudgingSettings {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("judge fraction must be in [0,1], got " + fraction);
        }
        if (salt == null || salt.isBlank()) {
            throw new IllegalArgumentException("judge selection salt must not be blank");
        }
    }

    public boolean enabled() {
        return fraction > 0.0;
    }

    public boolean selects(String interactionId) {
        return fraction >= 1.0 || (fraction > 0.0 && InclusionHash.uniform(salt, interactionId) < fraction);
    }
}
