package org.alignmentmonitor.simulation;

import org.alignmentmonitor.estimators.Normal;

/**
 * The textbook binormal classifier: a latent score N(0, 1) on aligned and N(d, 1) on misaligned
 * interactions, so its AUC is Phi(d / sqrt 2) at every rate. The reported score is the posterior
 * P(misaligned | latent) at the true rate, i.e. a calibrated probability, shifted by
 * {@code logitBias} on the logit scale (positive overstates the rate, negative understates it).
 *
 * @param targetAuc AUC in (0.5, 1)
 * @param logitBias calibration error added to the logit of the score
 */
public record Binormal(double targetAuc, double logitBias) implements ClassifierModel {

    public Binormal {
        if (!(targetAuc > 0.5 && targetAuc < 1)) {
            throw new IllegalArgumentException("target AUC must be in (0.5, 1), got " + targetAuc);
        }
    }

    public static Binormal calibrated(double targetAuc) {
        return new Binormal(targetAuc, 0.0);
    }

    /** The mean shift d between the two latent normals. */
    public double separation() {
        return Math.sqrt(2) * Normal.quantile(targetAuc);
    }

    @Override
    public Scorer scorer(double rate) {
        double d = separation();
        // The log-likelihood ratio of the two normals at x is d*x - d^2/2; add the prior log-odds.
        double offset = Math.log(rate / (1 - rate)) - d * d / 2 + logitBias;
        return (misaligned, rng) -> {
            double latent = rng.nextGaussian() + (misaligned ? d : 0.0);
            return 1 / (1 + Math.exp(-(offset + d * latent)));
        };
    }

    @Override
    public String describe() {
        return String.format("binormal, calibrated, AUC %.2f, logit bias %+.2f", targetAuc, logitBias);
    }
}
