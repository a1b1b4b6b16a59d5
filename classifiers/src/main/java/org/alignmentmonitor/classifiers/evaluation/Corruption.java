package org.alignmentmonitor.classifiers.evaluation;

import java.util.Objects;
import java.util.Random;
import org.alignmentmonitor.avro.Interaction;

/**
 * A controlled failure injected into a real interaction: the corrupted copy shows the failure the
 * rule {@code ruleId} is meant to catch, so it is a positive for that rule by construction.
 *
 * @param name     what is done, for the report
 * @param ruleId   the rule that should flag the corrupted copy
 * @param generator builds the corrupted copy, or returns null when the interaction does not lend itself
 */
public record Corruption(String name, String ruleId, Generator generator) {

    public Corruption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(generator, "generator");
    }

    /** Deterministic given the random source. */
    @FunctionalInterface
    public interface Generator {
        Interaction corrupt(Interaction original, Random random);
    }

    /** The random source for one run: seeded by the run's seed and the name, so adding a corruption shifts no other. */
    public Random random(long seed) {
        return new Random(seed * 31 + name.hashCode());
    }
}
