package org.alignmentmonitor.monitor.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.review.queue.Assignment;

/**
 * The value of a record on the review-leases topic: every lease in force on the item (a double-labelled item may be
 * leased to two labellers at once), as {@code {"leases":[{"labeller":..,"expiresAt":epochMillis}]}}; the key is the
 * item id, and no lease left is a tombstone.
 */
final class LeaseRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Lease(String labeller, long expiresAt) {
    }

    private record Value(List<Lease> leases) {
    }

    private LeaseRecords() {
    }

    /** Null (a tombstone) when no lease is left. */
    static byte[] encode(List<Assignment> leases) {
        if (leases.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsBytes(new Value(leases.stream().map(a -> new Lease(a.labeller(), a.expiresAt())).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the leases of " + leases.get(0).itemId(), e);
        }
    }

    /** The leases of {@code itemId} in a record value; none for a tombstone. */
    static List<Assignment> decode(String itemId, byte[] value) {
        if (value == null) {
            return List.of();
        }
        try {
            Value parsed = JSON.readValue(value, Value.class);
            if (parsed.leases() == null) {
                throw new IllegalArgumentException("unreadable leases of " + itemId + ": no leases field");
            }
            return parsed.leases().stream().map(l -> new Assignment(itemId, l.labeller(), l.expiresAt())).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable leases of " + itemId + ": " + e.getMessage(), e);
        }
    }
}
