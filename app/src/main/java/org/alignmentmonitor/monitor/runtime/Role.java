package org.alignmentmonitor.monitor.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What one monitor process runs, so each part scales on its own. Every role serves {@code /health},
 * {@code /ready} and {@code /metrics}; {@link #ALL} is the single-process product.
 */
public enum Role {
    /** Everything below, in one process. */
    ALL,
    /** The Kafka Streams topology with the query API, dashboard and a read-only alert view. */
    STREAMS,
    /** The judge worker (self, overseer and learned judges). */
    JUDGES,
    /** The review queue and its web UI. */
    REVIEW,
    /** Webhook delivery of alert events. */
    ALERTS;

    public boolean runs(Role part) {
        return this == ALL || this == part;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted roles */
    public static Role of(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "': expected one of "
                + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")));
    }
}
