package org.alignmentmonitor.review.queue;

import java.util.concurrent.CompletableFuture;

/**
 * The ordered log every review replica reads its lease records from (production: a compacted topic keyed by item id,
 * so one partition orders an item's records). Replicas agree on who holds an item because they apply the same records
 * in the same order; see {@link LeaseGrants}.
 */
public interface LeaseLog {

    /**
     * Appends the record; the future completes once this replica has read it back and applied it: true when it was the
     * first record with its version (the grant holds), false when another record took that version first.
     */
    CompletableFuture<Boolean> append(LeaseRecord record);

    /** Appending failed or its outcome could not be read back in time: the grant is unknown, so it is not handed out. */
    final class Unconfirmed extends RuntimeException {

        public Unconfirmed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
