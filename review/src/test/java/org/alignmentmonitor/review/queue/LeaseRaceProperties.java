package org.alignmentmonitor.review.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Replicas that share one lease log, interleaving proposals and reads in any order: log order alone decides, so no item
 * is ever leased past the labels it needs, and every replica that has read the log holds the same leases.
 */
class LeaseRaceProperties {

    private static final long NOW = 1_000_000;
    private static final int ITEMS = 3;
    private static final int LABELLERS = 4;

    /** A replica proposes a lease for a labeller (appending it to the log), or reads the next record of the log. */
    record Step(boolean propose, int replica, int labeller) {
    }

    @Property(tries = 300)
    void shouldNeverLeaseAnItemPastItsNeedWhenReplicasInterleaveProposals(@ForAll @IntRange(min = 2, max = 3) int replicaCount,
                                                                         @ForAll boolean doubled,
                                                                         @ForAll("steps") List<Step> steps) {
        int required = doubled ? 2 : 1;
        List<ReviewQueue> replicas = new ArrayList<>();
        List<Integer> read = new ArrayList<>();
        for (int r = 0; r < replicaCount; r++) {
            replicas.add(queue(doubled));
            read.add(0);
        }
        ReviewQueue reference = queue(doubled);
        List<LeaseRecord> log = new ArrayList<>();
        List<Boolean> held = new ArrayList<>();
        List<Assignment> granted = new ArrayList<>();
        for (Step step : steps) {
            int r = step.replica() % replicaCount;
            ReviewQueue replica = replicas.get(r);
            if (step.propose()) {
                replica.propose("labeller-" + step.labeller(), Set.of(), r + "-" + log.size()).ifPresent(record -> {
                    log.add(record);
                    boolean holds = reference.apply(record);
                    held.add(holds);
                    if (holds) {
                        granted.add(record.leaseOf("labeller-" + step.labeller()));
                    }
                    for (int i = 0; i < ITEMS; i++) {
                        String item = "item-" + i;
                        List<Assignment> grants = granted.stream().filter(a -> a.itemId().equals(item)).toList();
                        assertThat(grants).as("grants of %s", item).hasSizeLessThanOrEqualTo(required);
                        assertThat(reference.current(item, "x").map(LeaseRecord::leases).orElse(List.of()))
                                .as("a grant is never taken back").containsAll(grants);
                    }
                });
            } else if (read.get(r) < log.size()) {
                int next = read.get(r);
                assertThat(replica.apply(log.get(next))).as("replica %d agrees on record %d", r, next).isEqualTo(held.get(next));
                read.set(r, next + 1);
            }
        }
        for (int r = 0; r < replicaCount; r++) {
            for (int next = read.get(r); next < log.size(); next++) {
                assertThat(replicas.get(r).apply(log.get(next))).isEqualTo(held.get(next));
            }
            for (int i = 0; i < ITEMS; i++) {
                assertThat(replicas.get(r).current("item-" + i, "x")).as("replica %d, item-%d", r, i)
                        .isEqualTo(reference.current("item-" + i, "x"));
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, LABELLERS - 1)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    private static ReviewQueue queue(boolean doubled) {
        ReviewQueue q = new ReviewQueue(new QueueSettings(Duration.ofMinutes(10), doubled ? 1.0 : 0.0, 0.0, "race"), () -> NOW,
                new Random(1));
        for (int i = 0; i < ITEMS; i++) {
            q.add(QueueItem.task("item-" + i, i));
        }
        return q;
    }
}
