package org.alignmentmonitor.simulation;

/**
 * One simulated stream with a known truth.
 *
 * @param name         short label for the report
 * @param rate         true misaligned rate p; each interaction is misaligned with probability p
 * @param interactions N, interactions per run
 * @param classifier   how scores relate to the truth
 * @param sampling     how review items are drawn
 * @param noise        how reviewers err
 * @param buckets      the run is accumulated in this many buckets and then merged, as the stream does
 * @param runs         independent repetitions
 * @param seed         seed of the whole scenario; run r uses a seed derived from (seed, r)
 * @param alpha        level of every interval (nominal coverage 1 - alpha)
 */
public record SimulationScenario(String name, double rate, int interactions, ClassifierModel classifier,
                                 SamplingDesign sampling, LabelNoise noise, int buckets, int runs,
                                 long seed, double alpha) {

    public SimulationScenario {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException("rate must be in (0, 1), got " + rate);
        }
        if (interactions < 2 || buckets < 1 || buckets > interactions || runs < 1) {
            throw new IllegalArgumentException("need N >= 2, 1 <= buckets <= N and runs >= 1");
        }
        if (sampling.budget() > interactions) {
            throw new IllegalArgumentException("review budget exceeds the interactions");
        }
    }

    public SimulationScenario withName(String newName) {
        return new SimulationScenario(newName, rate, interactions, classifier, sampling, noise, buckets, runs, seed, alpha);
    }

    public SimulationScenario withClassifier(ClassifierModel newClassifier) {
        return new SimulationScenario(name, rate, interactions, newClassifier, sampling, noise, buckets, runs, seed, alpha);
    }

    public SimulationScenario withSampling(SamplingDesign newSampling) {
        return new SimulationScenario(name, rate, interactions, classifier, newSampling, noise, buckets, runs, seed, alpha);
    }

    public SimulationScenario withNoise(LabelNoise newNoise) {
        return new SimulationScenario(name, rate, interactions, classifier, sampling, newNoise, buckets, runs, seed, alpha);
    }

    public SimulationScenario withSeed(long newSeed) {
        return new SimulationScenario(name, rate, interactions, classifier, sampling, noise, buckets, runs, newSeed, alpha);
    }
}
