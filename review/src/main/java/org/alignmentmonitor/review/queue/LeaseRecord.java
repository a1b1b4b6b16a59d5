package org.alignmentmonitor.review.queue;

import java.util.List;
import java.util.Objects;

/**
 * One record of the lease log: every lease in force on an item after a grant, the version it claims (the version it
 * was proposed on + 1) and the proposal's id, so the replica that wrote it can recognise it when it reads it back.
 * The first record of an item with a given version is the one that holds ({@link ReviewQueue#apply}); a later record
 * claiming the same version lost the race and changes nothing.
 */
public record LeaseRecord(String itemId, long version, List<Assignment> leases, String proposal) {

    public LeaseRecord {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(proposal, "proposal");
        leases = List.copyOf(leases);
        if (version < 1) {
            throw new IllegalArgumentException("a lease record's version starts at 1");
        }
    }

    /** The lease this record grants to {@code labeller}. */
    Assignment leaseOf(String labeller) {
        return leases.stream().filter(a -> a.labeller().equals(labeller)).findFirst()
                .orElseThrow(() -> new IllegalStateException(labeller + " holds no lease in " + this));
    }
}
