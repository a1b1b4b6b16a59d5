package org.alignmentmonitor.review.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.alignmentmonitor.review.sampling.BudgetAllocator.StratumTraffic;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class StratifiedSamplerTest {

    private static final SamplingPolicy POLICY = new SamplingPolicy("sampler-1", "secret-salt", 0.001, new double[] {0.2, 0.5, 0.8}, 50);

    @Test
    void shouldReachTheSameDecisionEveryTimeForTheSameIdAndSalt() {
        StratifiedSampler sampler = new StratifiedSampler(POLICY, Map.of());
        Decision first = sampler.decide("chatcmpl-1", "m", "v1", 0.9, true);
        Decision again = sampler.decide("chatcmpl-1", "m", "v1", 0.9, true);
        assertThat(again).isEqualTo(first);
        assertThat(first.uniform()).isEqualTo(InclusionHash.uniform("secret-salt", "chatcmpl-1"));
        assertThat(InclusionHash.uniform("other-salt", "chatcmpl-1")).isNotEqualTo(first.uniform());
    }

    @Test
    void shouldSelectEachStratumAtItsRecordedProbability() {
        Map<Stratum, Double> pi = Map.of(
                new Stratum("m", "v1", 0, false), 0.01,
                new Stratum("m", "v1", 3, true), 0.3);
        StratifiedSampler sampler = new StratifiedSampler(POLICY, pi);
        Random random = new Random(11);
        Map<Stratum, long[]> seen = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            boolean hot = random.nextBoolean();
            Decision d = sampler.decide("id-" + i, "m", "v1", hot ? 0.9 : 0.05, hot);
            long[] counts = seen.computeIfAbsent(d.stratum(), s -> new long[2]);
            counts[0]++;
            if (d.selected()) {
                counts[1]++;
            }
            assertThat(d.inclusionProbability()).isEqualTo(pi.get(d.stratum()));
        }
        seen.forEach((stratum, counts) -> {
            double p = pi.get(stratum);
            double sd = Math.sqrt(p * (1 - p) / counts[0]);
            assertThat((double) counts[1] / counts[0]).as(stratum.id()).isBetween(p - 4 * sd, p + 4 * sd);
        });
    }

    @Test
    void shouldGiveAnUnseenStratumTheFloorNotZero() {
        Decision d = new StratifiedSampler(POLICY, Map.of()).decide("x", "new", "v9", 0.4, false);
        assertThat(d.inclusionProbability()).isEqualTo(POLICY.floor());
    }

    @Property(tries = 200)
    void shouldKeepEveryProbabilityBetweenTheFloorAndOneAndSpendAtMostTheBudget(
            @ForAll @Size(min = 1, max = 8) List<@LongRange(min = 1, max = 200_000) Long> counts,
            @ForAll @Size(min = 8, max = 8) List<@DoubleRange(min = 0, max = 1) Double> scores) {
        List<StratumTraffic> traffic = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            traffic.add(new StratumTraffic(new Stratum("m", "v1", i % 4, i >= 4), counts.get(i), scores.get(i)));
        }
        Map<Stratum, Double> pi = new BudgetAllocator(POLICY).allocate(traffic);
        double expected = 0;
        double floorCost = 0;
        for (StratumTraffic t : traffic) {
            double p = pi.get(t.stratum());
            assertThat(p).isBetween(POLICY.floor(), 1.0);
            expected += p * t.interactions();
            floorCost += POLICY.floor() * t.interactions();
        }
        // The floor may force more than the budget; otherwise the budget is met, not exceeded.
        assertThat(expected).isLessThanOrEqualTo(Math.max(POLICY.budgetPerHour(), floorCost) * (1 + 1e-9) + traffic.size());
    }

    @Test
    void shouldSpendTheWholeBudgetAndFavourStrataWhereTheClassifierIsUnsure() {
        List<StratumTraffic> traffic = List.of(
                new StratumTraffic(new Stratum("m", "v1", 0, false), 50_000, 0.02),
                new StratumTraffic(new Stratum("m", "v1", 1, false), 5_000, 0.35),
                new StratumTraffic(new Stratum("m", "v1", 3, true), 500, 0.9));
        // A floor low enough that it does not by itself use up the budget.
        SamplingPolicy policy = new SamplingPolicy("sampler-1", "secret-salt", 1e-4, new double[] {0.2, 0.5, 0.8}, 50);
        Map<Stratum, Double> pi = new BudgetAllocator(policy).allocate(traffic);
        double expected = traffic.stream().mapToDouble(t -> pi.get(t.stratum()) * t.interactions()).sum();
        assertThat(expected).isCloseTo(policy.budgetPerHour(), Offset.offset(1e-6));
        assertThat(pi.get(new Stratum("m", "v1", 1, false))).isGreaterThan(pi.get(new Stratum("m", "v1", 0, false)));
    }
}
