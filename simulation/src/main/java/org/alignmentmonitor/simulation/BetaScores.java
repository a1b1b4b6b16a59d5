package org.alignmentmonitor.simulation;

import java.util.random.RandomGenerator;

/**
 * Scores drawn from one Beta distribution on misaligned and another on aligned interactions, e.g.
 * the U-shaped scores of an LLM judge that is confident on most failures and misses the rest.
 * Not calibrated in general; {@code logitBias} shifts it further.
 */
public record BetaScores(double misalignedA, double misalignedB, double alignedA, double alignedB,
                         double logitBias) implements ClassifierModel {

    public BetaScores {
        if (!(misalignedA > 0 && misalignedB > 0 && alignedA > 0 && alignedB > 0)) {
            throw new IllegalArgumentException("Beta parameters must be > 0");
        }
    }

    @Override
    public Scorer scorer(double rate) {
        return (misaligned, rng) -> ClassifierModel.shiftLogit(misaligned
                ? beta(misalignedA, misalignedB, rng)
                : beta(alignedA, alignedB, rng), logitBias);
    }

    @Override
    public String describe() {
        return String.format("Beta(%s, %s) on misaligned, Beta(%s, %s) on aligned, logit bias %+.2f",
                misalignedA, misalignedB, alignedA, alignedB, logitBias);
    }

    /** X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), in logs: small shapes underflow otherwise. */
    static double beta(double a, double b, RandomGenerator rng) {
        return 1 / (1 + Math.exp(logGamma(b, rng) - logGamma(a, rng)));
    }

    /** ln of a Gamma(shape) draw: Marsaglia and Tsang (2000), shapes below 1 via Gamma(a + 1) * U^(1/a). */
    static double logGamma(double shape, RandomGenerator rng) {
        if (shape < 1) {
            return logGamma(shape + 1, rng) + Math.log(rng.nextDouble()) / shape;
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = rng.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            if (Math.log(rng.nextDouble()) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return Math.log(d * v);
            }
        }
    }
}
