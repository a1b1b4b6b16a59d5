package org.alignmentmonitor.review.queue;

import java.util.List;

/**
 * Where the queue reports lease changes, so that a restarted review process can {@link ReviewQueue#restoreLeases restore}
 * them (production: a compacted topic keyed by item id). Called under the queue's lock, in the order of the changes: must
 * not block for long, and must not call back into the queue.
 */
public interface LeaseLog {

    /** Keeps nothing: leases live as long as the queue. */
    LeaseLog NONE = (itemId, leases) -> {
    };

    /** The item's leases in force after a grant or a label; empty when none is left. */
    void changed(String itemId, List<Assignment> leases);
}
