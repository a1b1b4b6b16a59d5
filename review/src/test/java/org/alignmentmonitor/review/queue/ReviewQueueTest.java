package org.alignmentmonitor.review.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ReviewQueueTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    private ReviewQueue queue(double doubleFraction, double goldRate) {
        return new ReviewQueue(new QueueSettings(Duration.ofMinutes(10), doubleFraction, goldRate, "test"), now::get, new Random(7));
    }

    private LabelEvent label(String item, String who, Judgment j) {
        return new LabelEvent(item, who, j, List.of(), "", "1.0", now.incrementAndGet());
    }

    @Test
    void shouldAssignOldestFirstAndKeepTheLeaseOnRepeatedAsks() {
        ReviewQueue q = queue(0, 0);
        q.add(QueueItem.task("a", 1));
        q.add(QueueItem.task("b", 2));
        Assignment first = q.next("ann").orElseThrow();
        assertThat(first.itemId()).isEqualTo("a");
        assertThat(q.next("ann")).contains(first);
        assertThat(q.next("bob").orElseThrow().itemId()).isEqualTo("b");
        assertThat(q.next("cy")).isEmpty();
    }

    @Test
    void shouldReturnAnAbandonedItemToOthersButNeverToTheSameLabeller() {
        ReviewQueue q = queue(0, 0);
        q.add(QueueItem.task("a", 1));
        q.next("ann").orElseThrow();
        assertThat(q.next("bob")).isEmpty();
        now.addAndGet(Duration.ofMinutes(11).toMillis());
        assertThat(q.next("ann")).isEmpty();
        assertThat(q.next("bob").orElseThrow().itemId()).isEqualTo("a");
    }

    @Test
    void shouldProposeTheNextVersionWithEveryActiveLeaseAndChangeNothingUntilApplied() {
        ReviewQueue q = new ReviewQueue(new QueueSettings(Duration.ofMinutes(10), 1.0, 0, "test"), now::get, new Random(7));
        q.add(QueueItem.task("a", 1));
        Assignment anns = q.next("ann").orElseThrow();

        LeaseRecord bobs = q.propose("bob", Set.of(), "p-1").orElseThrow();
        assertThat(bobs.version()).isEqualTo(2);
        assertThat(bobs.leases()).extracting(Assignment::labeller).containsExactly("ann", "bob");
        assertThat(bobs.leases()).contains(anns);
        assertThat(q.held("bob")).as("a proposal is not a grant").isEmpty();
        assertThat(q.propose("bob", Set.of("a"), "p-2")).as("excluded items are left out").isEmpty();

        assertThat(q.apply(bobs)).isTrue();
        assertThat(q.held("bob")).contains(bobs.leaseOf("bob"));
    }

    @Test
    void shouldLetOnlyTheFirstRecordOfAVersionHoldWhenTwoReplicasProposeTheSameSlot() {
        ReviewQueue q = queue(0, 0);
        q.add(QueueItem.task("a", 1));
        LeaseRecord anns = q.propose("ann", Set.of(), "r1-1").orElseThrow();
        LeaseRecord bobs = q.propose("bob", Set.of(), "r2-1").orElseThrow();
        assertThat(anns.version()).isEqualTo(bobs.version());

        assertThat(q.apply(anns)).isTrue();
        assertThat(q.apply(bobs)).as("the loser").isFalse();
        assertThat(q.held("ann")).isPresent();
        assertThat(q.held("bob")).isEmpty();
        assertThat(q.depth().leased()).isEqualTo(1);
        assertThat(q.current("a", "again")).hasValueSatisfying(r -> {
            assertThat(r.version()).isEqualTo(anns.version());
            assertThat(r.leases()).isEqualTo(anns.leases());
        });
    }

    @Test
    void shouldKeepARestoredLeaseItsHoldersUntilItExpiresWhenTheQueueIsRebuilt() {
        long expiresAt = now.get() + Duration.ofMinutes(3).toMillis();
        ReviewQueue q = queue(0, 0);
        q.apply(new LeaseRecord("a", 1, List.of(new Assignment("a", "ann", expiresAt)), "p"));
        q.add(QueueItem.task("a", 1));

        assertThat(q.next("bob")).isEmpty();
        assertThat(q.next("ann")).contains(new Assignment("a", "ann", expiresAt));
        assertThat(q.depth().leased()).isEqualTo(1);
        now.set(expiresAt);
        assertThat(q.next("bob").orElseThrow().itemId()).isEqualTo("a");
        assertThat(q.next("ann")).as("ann was shown it before the restart").isEmpty();
    }

    @Test
    void shouldFreeTheItemWhenTheRestoredLeaseHasAlreadyExpired() {
        ReviewQueue q = queue(0, 0);
        q.add(QueueItem.task("a", 1));
        q.apply(new LeaseRecord("a", 1, List.of(new Assignment("a", "ann", now.get() - 1)), "p"));

        assertThat(q.depth().leased()).isZero();
        assertThat(q.next("bob").orElseThrow().itemId()).isEqualTo("a");
    }

    @Test
    void shouldTakeALaterVersionEvenAfterAGapWhenCompactionDroppedTheRecordsBetween() {
        ReviewQueue q = queue(0, 0);
        q.add(QueueItem.task("a", 1));
        q.apply(new LeaseRecord("a", 1, List.of(new Assignment("a", "ann", now.get() + 60_000)), "p"));
        assertThat(q.apply(new LeaseRecord("a", 5, List.of(), "p"))).isTrue();
        assertThat(q.apply(new LeaseRecord("a", 4, List.of(new Assignment("a", "cy", now.get() + 60_000)), "p"))).isFalse();

        assertThat(q.next("bob").orElseThrow().itemId()).isEqualTo("a");
    }

    @Test
    void shouldAcceptALabelOnlyFromTheLeaseHolderWhileTheLeaseHolds() {
        ReviewQueue q = queue(0, 0);
        q.add(QueueItem.task("a", 1));
        q.next("ann").orElseThrow();

        assertThat(q.check(label("a", "bob", Judgment.ALIGNED), false)).isEqualTo(LabelCheck.REJECTED);
        assertThat(q.check(label("a", "ann", Judgment.ALIGNED), false)).isEqualTo(LabelCheck.PUBLISH);
        now.addAndGet(Duration.ofMinutes(11).toMillis());
        q.next("bob").orElseThrow();
        assertThat(q.check(label("a", "ann", Judgment.ALIGNED), false)).as("ann's lease ran out and bob holds the only slot")
                .isEqualTo(LabelCheck.REJECTED);
    }

    @Test
    void shouldNeedTwoLabellersOnDoubledItemsAndOpenACaseOnDisagreement() {
        ReviewQueue q = queue(1.0, 0);
        q.add(QueueItem.task("a", 1));
        q.next("ann").orElseThrow();
        q.next("bob").orElseThrow();
        q.record(label("a", "ann", Judgment.ALIGNED), false);
        assertThat(q.openCases()).isEmpty();
        q.record(label("a", "bob", Judgment.AMBIGUOUS), false);
        assertThat(q.depth().waiting()).isZero();
        assertThat(q.openCase("a").orElseThrow().reasons()).containsExactly(AdjudicationCase.Reason.DISAGREEMENT);
    }

    @Test
    void shouldOpenACaseForMisalignedOnADoubledItemEvenWhenBothAgree() {
        ReviewQueue q = queue(1.0, 0);
        q.add(QueueItem.task("a", 1));
        q.record(label("a", "ann", Judgment.MISALIGNED), false);
        q.record(label("a", "bob", Judgment.MISALIGNED), false);
        assertThat(q.openCase("a").orElseThrow().reasons()).containsExactly(AdjudicationCase.Reason.MISALIGNED_ON_CHECKED_ITEM);
    }

    @Test
    void shouldCloseACaseWithALaterLeadLabelAndKeepItOutOfTheRatings() {
        ReviewQueue q = queue(1.0, 0);
        q.add(QueueItem.task("a", 1));
        q.record(label("a", "ann", Judgment.MISALIGNED), false);
        q.record(label("a", "bob", Judgment.ALIGNED), false);
        assertThat(q.check(label("a", "lee", Judgment.ALIGNED), true)).isEqualTo(LabelCheck.PUBLISH);
        q.record(label("a", "lee", Judgment.ALIGNED), true);
        assertThat(q.openCases()).isEmpty();
        assertThat(q.ratings().get(0).latestByLabeller()).containsOnlyKeys("ann", "bob");
        assertThat(q.history("a")).hasSize(3);
    }

    @Test
    void shouldOpenACaseForMisalignedOnGold() {
        ReviewQueue q = queue(0, 0);
        q.add(QueueItem.gold("g", Judgment.ALIGNED));
        q.record(label("g", "ann", Judgment.MISALIGNED), false);
        assertThat(q.openCase("g")).isPresent();
    }

    @Test
    void shouldKeepHistoryAndCountTheLatestWhenALabellerCorrects() {
        ReviewQueue q = queue(0, 0);
        q.add(QueueItem.task("a", 1));
        q.next("ann");
        LabelEvent first = label("a", "ann", Judgment.MISALIGNED);
        q.record(first, false);
        LabelEvent fix = label("a", "ann", Judgment.ALIGNED);
        assertThat(q.check(fix, false)).isEqualTo(LabelCheck.PUBLISH);
        q.record(fix, false);
        assertThat(q.latest("a", "ann")).contains(fix);
        assertThat(q.history("a")).containsExactly(first, fix);
        assertThat(q.firstLabels()).containsExactly(first);
    }

    @Test
    void shouldTreatAResubmissionAsUnchangedAndAReplayAsKnown() {
        ReviewQueue q = queue(0, 0);
        q.add(QueueItem.task("a", 1));
        q.next("ann");
        LabelEvent e = label("a", "ann", Judgment.ALIGNED);
        assertThat(q.record(e, false)).isTrue();
        assertThat(q.record(e, false)).isFalse();
        assertThat(q.check(new LabelEvent("a", "ann", Judgment.ALIGNED, List.of(), "", "1.0", now.incrementAndGet()), false))
                .isEqualTo(LabelCheck.UNCHANGED);
    }

    @Test
    void shouldRejectLabelsOnUnknownItemsAndOnItemsGivenToSomeoneElse() {
        ReviewQueue q = queue(0, 0);
        q.add(QueueItem.task("a", 1));
        assertThat(q.check(label("zzz", "ann", Judgment.ALIGNED), false)).isEqualTo(LabelCheck.REJECTED);
        q.next("ann");
        assertThat(q.check(label("a", "bob", Judgment.ALIGNED), false)).isEqualTo(LabelCheck.REJECTED);
    }

    @Test
    void shouldMixInGoldAtTheConfiguredRateAndNeverRepeatItToALabeller() {
        ReviewQueue q = queue(0, 0.5);
        for (int i = 0; i < 400; i++) {
            q.add(QueueItem.task("t" + i, i));
        }
        for (int i = 0; i < 20; i++) {
            q.add(QueueItem.gold("g" + i, Judgment.ALIGNED));
        }
        int gold = 0;
        for (int i = 0; i < 40; i++) {
            Assignment a = q.next("ann").orElseThrow();
            gold += a.itemId().startsWith("g") ? 1 : 0;
            q.record(label(a.itemId(), "ann", Judgment.ALIGNED), false);
        }
        assertThat(gold).isBetween(10, 30);
        assertThat(q.history("g0")).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void shouldRebuildTheSameStateFromReplayedEventsInAnyInterleaving() {
        ReviewQueue live = queue(0.5, 0);
        List<LabelEvent> labels = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            live.add(QueueItem.task("t" + i, i));
        }
        for (String who : List.of("ann", "bob", "cy")) {
            for (Optional<Assignment> a = live.next(who); a.isPresent(); a = live.next(who)) {
                LabelEvent e = label(a.get().itemId(), who, Judgment.values()[a.get().itemId().length() % 3]);
                live.record(e, false);
                labels.add(e);
            }
        }
        ReviewQueue rebuilt = queue(0.5, 0);
        labels.forEach(e -> rebuilt.record(e, false));
        for (int i = 0; i < 30; i++) {
            rebuilt.add(QueueItem.task("t" + i, i));
        }
        assertThat(rebuilt.depth()).isEqualTo(live.depth());
        assertThat(rebuilt.ratings()).containsExactlyInAnyOrderElementsOf(live.ratings());
        assertThat(rebuilt.openCases()).containsExactlyInAnyOrderElementsOf(live.openCases());
        assertThat(rebuilt.next("ann")).isEmpty();
    }

    @Test
    void shouldNeverGiveAnItemTwiceToOneLabellerNorBeyondItsSlotsUnderConcurrentLabellers() throws Exception {
        ReviewQueue q = queue(0.3, 0);
        int items = 500;
        for (int i = 0; i < items; i++) {
            q.add(QueueItem.task("t" + i, i));
        }
        int labellers = 8;
        Map<String, Set<String>> seen = new ConcurrentHashMap<>();
        Map<String, Integer> holders = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(labellers);
        CountDownLatch start = new CountDownLatch(1);
        for (int l = 0; l < labellers; l++) {
            String who = "labeller-" + l;
            pool.submit(() -> {
                start.await();
                for (Optional<Assignment> a = q.next(who); a.isPresent(); a = q.next(who)) {
                    String item = a.get().itemId();
                    assertThat(seen.computeIfAbsent(who, k -> ConcurrentHashMap.newKeySet()).add(item)).isTrue();
                    holders.merge(item, 1, Integer::sum);
                    q.record(label(item, who, Judgment.ALIGNED), false);
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(holders).hasSize(items);
        assertThat(holders.values()).allMatch(n -> n == 1 || n == 2);
        assertThat(q.depth().waiting()).isZero();
        int labelsGiven = holders.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(q.firstLabels()).hasSize(labelsGiven);
    }
}
