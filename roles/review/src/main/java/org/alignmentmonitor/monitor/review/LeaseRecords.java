package org.alignmentmonitor.monitor.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.review.queue.Assignment;
import org.alignmentmonitor.review.queue.LeaseRecord;

/**
 * The value of a record on the review-leases topic: every lease in force on the item after a grant (a double-labelled
 * item may be leased to two labellers at once), the version the record claims and the id of the proposal, as
 * {@code {"version":3,"proposal":"..","leases":[{"labeller":..,"expiresAt":epochMillis}]}}; the key is the item id.
 * No tombstones: a versioned record must stay the item's last, or a replica started after compaction would count
 * versions from zero again.
 */
final class LeaseRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Lease(String labeller, long expiresAt) {
    }

    private record Value(long version, String proposal, List<Lease> leases) {
    }

    private LeaseRecords() {
    }

    static byte[] encode(LeaseRecord record) {
        try {
            return JSON.writeValueAsBytes(new Value(record.version(), record.proposal(),
                    record.leases().stream().map(a -> new Lease(a.labeller(), a.expiresAt())).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the leases of " + record.itemId(), e);
        }
    }

    /** The record of {@code itemId} in a record value (a tombstone, from before versions, has none). */
    static LeaseRecord decode(String itemId, byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("a tombstone carries no lease version");
        }
        try {
            Value parsed = JSON.readValue(value, Value.class);
            if (parsed.leases() == null || parsed.proposal() == null) {
                throw new IllegalArgumentException("unreadable leases of " + itemId + ": no leases or proposal field");
            }
            return new LeaseRecord(itemId, parsed.version(),
                    parsed.leases().stream().map(l -> new Assignment(itemId, l.labeller(), l.expiresAt())).toList(), parsed.proposal());
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable leases of " + itemId + ": " + e.getMessage(), e);
        }
    }
}
