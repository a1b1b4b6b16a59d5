package org.alignmentmonitor.review.queue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out leases when several review replicas share one queue through a {@link LeaseLog}: a replica proposes the next
 * version of an item's leases, appends it, and waits (bounded) until it reads it back. The log's order decides: the
 * first record with a version holds everywhere, so two replicas never both grant the last free slot of an item. A replica
 * that lost has already applied the winner; it writes the winner's leases again (so compaction, which keeps an item's
 * last record, never keeps a loser) and tries another item.
 */
public final class LeaseGrants {

    /** Each loss means another replica made progress, so this many in a row only happens under a storm of asks. */
    private static final int ATTEMPTS = 20;

    private final ReviewQueue queue;
    private final LeaseLog log;
    private final Duration wait;
    private final String replica;
    private final AtomicLong proposals = new AtomicLong();

    /**
     * @param wait    how long to wait for a proposal to come back from the log before telling the labeller to retry
     * @param replica this replica's id in proposal ids; unique among live replicas
     */
    public LeaseGrants(ReviewQueue queue, LeaseLog log, Duration wait, String replica) {
        this.queue = queue;
        this.log = log;
        this.wait = wait;
        this.replica = replica;
    }

    /**
     * The labeller's current lease, or a new one once the log confirmed it; empty when nothing is left for them.
     *
     * @throws LeaseLog.Unconfirmed when the log did not answer in time, or kept being won by others
     */
    public Optional<Assignment> next(String labeller) throws InterruptedException {
        Set<String> lost = new HashSet<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Assignment> held = queue.held(labeller);
            if (held.isPresent()) {
                return held;
            }
            Optional<LeaseRecord> proposal = queue.propose(labeller, lost, replica + "-" + proposals.incrementAndGet());
            if (proposal.isEmpty()) {
                return Optional.empty();
            }
            LeaseRecord mine = proposal.get();
            if (confirmed(mine)) {
                return Optional.of(mine.leaseOf(labeller));
            }
            lost.add(mine.itemId());
            queue.current(mine.itemId(), mine.proposal() + "-again").ifPresent(log::append);
        }
        throw new LeaseLog.Unconfirmed("lost " + ATTEMPTS + " lease races in a row for " + labeller, null);
    }

    private boolean confirmed(LeaseRecord proposal) throws InterruptedException {
        try {
            return log.append(proposal).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LeaseLog.Unconfirmed("the lease log did not confirm " + proposal.itemId() + " within " + wait, e);
        } catch (ExecutionException e) {
            throw new LeaseLog.Unconfirmed("the lease of " + proposal.itemId() + " was not written: " + e.getCause(), e.getCause());
        }
    }
}
