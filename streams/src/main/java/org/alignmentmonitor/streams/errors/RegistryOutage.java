package org.alignmentmonitor.streams.errors;

import java.util.Set;

import org.alignmentmonitor.schemas.registry.SchemaRegistryException;

/**
 * Tells a schema registry that cannot answer right now (down, refusing connections, overloaded,
 * rejecting our credentials) from a registry that has answered about the record (unknown id,
 * incompatible or invalid schema). The first is nobody's record's fault: dead-lettering would drop
 * good records for as long as the outage lasts, so the handlers fail the task and exactly-once
 * retries the record from the last commit instead.
 */
public final class RegistryOutage {

    /** Statuses that say "not now" or "not you", never "not this record". */
    private static final Set<Integer> TRANSIENT_OR_ACCESS = Set.of(401, 403, 408, 429);

    private RegistryOutage() {
    }

    /** True when the first registry failure in the cause chain is an outage rather than a verdict on the record. */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException e) {
                int status = e.httpStatus();
                return status == SchemaRegistryException.NO_HTTP_STATUS || status >= 500 || TRANSIENT_OR_ACCESS.contains(status);
            }
        }
        return false;
    }
}
