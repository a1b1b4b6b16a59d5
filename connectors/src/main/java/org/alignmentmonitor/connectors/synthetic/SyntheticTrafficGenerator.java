package org.alignmentmonitor.connectors.synthetic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.avro.SamplingParams;

/**
 * Simulated production traffic with known ground truth: each Interaction is a real prompt and
 * answer, possibly damaged by an injected failure recorded in metadata {@value #META_FAILURE}.
 *
 * <p>Deterministic: the same config, seed, start and sequence of event times give the same
 * Interactions. Not thread-safe; one thread draws.
 */
public final class SyntheticTrafficGenerator {

    /** Metadata key of the injected failure kind's label ({@code none} when there is none). */
    public static final String META_FAILURE = "synthetic.failure";
    public static final String META_SOURCE = "source";
    public static final String SOURCE = "synthetic";

    private static final List<String> DEPLOYMENTS = List.of("demo-eu", "demo-us");
    private static final FailureKind[] FAILURES = {
        FailureKind.TRUNCATION, FailureKind.EMPTY, FailureKind.REPETITION, FailureKind.PROMPT_ECHO};

    private final List<VersionProfile> versions;
    private final double[] cumulativeWeights;
    private final Map<String, List<Regression>> regressionsByVersion = new HashMap<>();
    private final List<SamplePair> samples;
    private final long seed;
    private final long startMillis;
    private final SplittableRandom random;
    private long counter;

    /** @param startMillis event time at which the generator starts; regressions count from it */
    public SyntheticTrafficGenerator(SyntheticConfig config, long seed, long startMillis) {
        this(config, seed, startMillis, SamplePair.bundled());
    }

    public SyntheticTrafficGenerator(SyntheticConfig config, long seed, long startMillis, List<SamplePair> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no sample pairs to draw from");
        }
        this.versions = config.versions();
        this.cumulativeWeights = new double[versions.size()];
        double total = 0;
        for (int i = 0; i < versions.size(); i++) {
            total += versions.get(i).weight();
            cumulativeWeights[i] = total;
        }
        for (Regression regression : config.regressions()) {
            regressionsByVersion.computeIfAbsent(regression.key(), k -> new ArrayList<>()).add(regression);
        }
        // Latest first, so the first regression already in force is the one that applies.
        regressionsByVersion.values().forEach(list -> list.sort(Comparator.comparing(Regression::after).reversed()));
        this.samples = List.copyOf(samples);
        this.seed = seed;
        this.startMillis = startMillis;
        this.random = new SplittableRandom(seed);
    }

    /** The next interaction, produced at {@code eventTimeMillis}. */
    public Interaction next(long eventTimeMillis) {
        VersionProfile profile = pickVersion();
        FailureKind failure = pickFailure(ratesAt(profile, eventTimeMillis));
        SamplePair sample = samples.get(random.nextInt(samples.size()));
        FailureInjector.Output output = FailureInjector.apply(failure, sample, random);
        String deployment = DEPLOYMENTS.get(random.nextInt(DEPLOYMENTS.size()));
        // Fresh mutable parts, like a deserialized record: later stages may enrich them in place.
        List<Message> conversation = new ArrayList<>(List.of(new Message("user", sample.prompt())));
        Map<String, String> metadata = new HashMap<>(Map.of(META_FAILURE, failure.label(), META_SOURCE, SOURCE));
        return Interaction.newBuilder()
                .setId("syn-" + seed + "-" + counter++)
                .setEventTime(Instant.ofEpochMilli(eventTimeMillis))
                .setModel(profile.model())
                .setVersion(profile.version())
                .setTrainingProcessId(SOURCE + "-" + profile.model())
                .setDeployment(deployment)
                .setConversation(conversation)
                .setCompletion(output.completion())
                .setFinishReason(output.finishReason())
                .setSampling(new SamplingParams(0.7, 1.0, 1024, null))
                .setMetadata(metadata)
                .build();
    }

    /** The failure rates of a version at an event time, regressions applied. */
    public FailureRates ratesAt(VersionProfile profile, long eventTimeMillis) {
        long elapsed = eventTimeMillis - startMillis;
        for (Regression regression : regressionsByVersion.getOrDefault(profile.key(), List.of())) {
            if (elapsed >= regression.after().toMillis()) {
                return regression.rates();
            }
        }
        return profile.rates();
    }

    private VersionProfile pickVersion() {
        double u = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        for (int i = 0; i < cumulativeWeights.length - 1; i++) {
            if (u < cumulativeWeights[i]) {
                return versions.get(i);
            }
        }
        return versions.get(versions.size() - 1);
    }

    private FailureKind pickFailure(FailureRates rates) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (FailureKind kind : FAILURES) {
            cumulative += rates.rate(kind);
            if (u < cumulative) {
                return kind;
            }
        }
        return FailureKind.NONE;
    }
}
