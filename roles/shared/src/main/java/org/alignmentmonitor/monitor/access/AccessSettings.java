package org.alignmentmonitor.monitor.access;

import java.nio.file.Path;

/**
 * {@code monitor.auth.*}: with a users file, every HTTP endpoint needs a token (or a review-UI session) of a role the
 * {@link AccessPolicy} allows, and the review UI uses the same users. Without one the API stays open as before.
 *
 * @param usersFile  users and the SHA-256 of their tokens, {@code name = <role>:<sha256-hex>}; null turns auth off
 * @param auditTopic the append-only audit trail ({@code monitor.topics.audit}): labels, corrections, adjudications,
 *                   configuration changes and exports, with who and when
 */
public record AccessSettings(Path usersFile, String auditTopic) {

    public static final String DEFAULT_AUDIT_TOPIC = "audit-events";

    public AccessSettings {
        if (!auditTopic.matches("[a-zA-Z0-9._-]{1,200}")) {
            throw new IllegalArgumentException("invalid topic name '" + auditTopic + "' in monitor.topics.audit");
        }
    }

    public boolean enabled() {
        return usersFile != null;
    }
}
