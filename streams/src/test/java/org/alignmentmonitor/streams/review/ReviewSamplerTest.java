package org.alignmentmonitor.streams.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.review.sampling.InclusionHash;
import org.alignmentmonitor.review.sampling.SamplingPolicy;
import org.alignmentmonitor.streams.topology.Judged;
import org.alignmentmonitor.streams.topology.Names;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The review sampler on 100k synthetic interactions: recorded pi is honest, the budget and the floor hold. */
class ReviewSamplerTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final int HOURS = 10;
    private static final int PER_VERSION_PER_HOUR = 5_000;
    private static final List<String> VERSIONS = List.of("v1", "v2");
    private static final SamplingPolicy POLICY = new SamplingPolicy("p1", "salt", 0.001, new double[] {0.2, 0.5, 0.8}, 50);

    record Seen(String id, String version, int hour, double score) {}

    @Test
    void shouldRecordProbabilitiesThatMatchEmpiricalInclusionAndMeetTheHourlyBudget() {
        MockProcessorContext<String, ReviewTask> context = new MockProcessorContext<>();
        KeyValueStore<String, StratumTally> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Names.SAMPLER_STORE),
                Serdes.String(), StratumTally.serde()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        ReviewSampler sampler = new ReviewSampler(new SamplingSettings(POLICY, Duration.ofHours(1), 1, 0.02));
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        sampler.init(context);

        SplittableRandom random = new SplittableRandom(42);
        int n = 0;
        Map<String, Seen> seen = new HashMap<>();
        for (int hour = 0; hour < HOURS; hour++) {
            for (int i = 0; i < PER_VERSION_PER_HOUR * VERSIONS.size(); i++) {
                String version = VERSIONS.get(i % VERSIONS.size());
                // Mostly confident-clean scores, some uncertain, a few confident-bad: like real traffic.
                double u = random.nextDouble();
                double score = u < 0.85 ? random.nextDouble() * 0.2 : u < 0.97 ? 0.2 + random.nextDouble() * 0.6 : 0.8 + random.nextDouble() * 0.2;
                String id = "i" + n++;
                Instant at = T0.plus(Duration.ofHours(hour)).plusMillis((long) i * 3_600_000 / (PER_VERSION_PER_HOUR * VERSIONS.size()));
                sampler.process(new Record<>(id, new Judged(null, verdict(id, version, at, score)), at.toEpochMilli()));
                seen.put(id, new Seen(id, version, hour, score));
            }
        }
        List<ReviewTask> tasks = context.forwarded().stream().map(f -> (ReviewTask) f.record().value()).toList();

        // Honest pi: every item's inclusion is re-derivable from the hash and the stratum probability in force.
        // Over all items of a stratum-hour, the selected count matches the sum of pi within sampling error.
        Map<String, double[]> byStratumHour = new HashMap<>();  // {expected, variance, observed}
        Map<String, Double> piInForce = new HashMap<>();
        for (ReviewTask t : tasks) {
            assertThat(t.getInclusionProbability()).as("floor").isGreaterThanOrEqualTo(POLICY.floor()).isLessThanOrEqualTo(1.0);
            assertThat(InclusionHash.uniform(POLICY.salt(), t.getInteractionId())).isLessThan(t.getInclusionProbability());
            piInForce.put(t.getStratum() + "@" + seen.get(t.getInteractionId()).hour(), t.getInclusionProbability());
        }
        for (Seen s : seen.values()) {
            String key = stratum(s) + "@" + s.hour();
            Double pi = piInForce.get(key);
            if (pi == null) {
                continue;  // no task in that stratum-hour: its pi is unknown here, and small
            }
            double[] acc = byStratumHour.computeIfAbsent(key, k -> new double[3]);
            acc[0] += pi;
            acc[1] += pi * (1 - pi);
        }
        tasks.forEach(t -> byStratumHour.get(t.getStratum() + "@" + seen.get(t.getInteractionId()).hour())[2]++);
        double expected = 0;
        double variance = 0;
        double observed = 0;
        for (double[] acc : byStratumHour.values()) {
            expected += acc[0];
            variance += acc[1];
            observed += acc[2];
        }
        assertThat(Math.abs(observed - expected) / Math.sqrt(variance)).as("z of observed vs recorded pi").isLessThan(4.0);

        // The budget: each version gets about 50 per hour, the first hour included (2% only for its first minute).
        for (String version : VERSIONS) {
            for (int hour = 0; hour < HOURS; hour++) {
                int h = hour;
                long count = tasks.stream().filter(t -> t.getVersion().equals(version) && seen.get(t.getInteractionId()).hour() == h).count();
                assertThat(count).as(version + " hour " + hour).isBetween(50L - 4 * 8, 50L + 4 * 8);
            }
        }
    }

    private static String stratum(Seen s) {
        return "m:" + s.version() + "|band" + POLICY.band(s.score()) + "|" + (s.score() >= 0.5 ? "flagged" : "clean");
    }

    private static Verdict verdict(String id, String version, Instant at, double score) {
        return Verdict.newBuilder()
                .setInteractionId(id)
                .setModel("m")
                .setVersion(version)
                .setEventTime(at)
                .setResults(List.of())
                .setFlagged(score >= 0.5)
                .setScore(score)
                .setClassifierConfigVersion("test")
                .setJudgedAt(at)
                .build();
    }
}
