package org.alignmentmonitor.simulation;

import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams per (seed, index). Seeding SplittableRandom with
 * seed + index directly would give streams that are shifted copies of one another, so the pair
 * is first scrambled with the SplitMix64 finaliser.
 */
final class Seeds {

    private Seeds() {}

    static long derive(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static SplittableRandom random(long seed, long index) {
        return new SplittableRandom(derive(seed, index));
    }
}
