package org.alignmentmonitor.review.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class LeaseGrantsTest {

    private static final long NOW = 1_000_000;

    private static ReviewQueue queue() {
        ReviewQueue q = new ReviewQueue(new QueueSettings(Duration.ofMinutes(10), 0, 0, "grants"), () -> NOW, new Random(1));
        q.add(QueueItem.task("a", 1));
        q.add(QueueItem.task("b", 2));
        return q;
    }

    @Test
    void shouldGrantTheProposalWhenTheLogReadsItBackFirst() throws Exception {
        ReviewQueue q = queue();
        List<LeaseRecord> log = new ArrayList<>();
        LeaseGrants grants = new LeaseGrants(q, r -> {
            log.add(r);
            return CompletableFuture.completedFuture(q.apply(r));
        }, Duration.ofSeconds(1), "r1");

        Assignment ann = grants.next("ann").orElseThrow();
        assertThat(ann.itemId()).isEqualTo("a");
        assertThat(grants.next("ann")).as("a held lease is not proposed again").contains(ann);
        assertThat(log).hasSize(1);
    }

    @Test
    void shouldApplyTheWinnerAndTryAnotherItemWhenAnotherReplicaWroteTheSameVersionFirst() throws Exception {
        ReviewQueue q = queue();
        List<LeaseRecord> log = new ArrayList<>();
        LeaseGrants grants = new LeaseGrants(q, r -> {
            if (log.isEmpty()) {
                // Another replica's grant of the same item to cy lands in the log before ours.
                LeaseRecord theirs = new LeaseRecord(r.itemId(), r.version(), List.of(new Assignment(r.itemId(), "cy", NOW + 1)), "r2-1");
                log.add(theirs);
                q.apply(theirs);
            }
            log.add(r);
            return CompletableFuture.completedFuture(q.apply(r));
        }, Duration.ofSeconds(1), "r1");

        assertThat(grants.next("ann").orElseThrow().itemId()).isEqualTo("b");
        assertThat(log).extracting(LeaseRecord::proposal).containsExactly("r2-1", "r1-1", "r1-1-again", "r1-2");
        assertThat(log.get(2).leases()).as("the winner written again, so compaction keeps it")
                .extracting(Assignment::labeller).containsExactly("cy");
        assertThat(q.held("cy").orElseThrow().itemId()).isEqualTo("a");
    }

    @Test
    void shouldRefuseToGrantWhenTheLogDoesNotAnswerInTime() {
        ReviewQueue q = queue();
        LeaseGrants grants = new LeaseGrants(q, r -> new CompletableFuture<>(), Duration.ofMillis(50), "r1");

        assertThatThrownBy(() -> grants.next("ann")).isInstanceOf(LeaseLog.Unconfirmed.class);
        assertThat(q.held("ann")).isEmpty();
    }
}
