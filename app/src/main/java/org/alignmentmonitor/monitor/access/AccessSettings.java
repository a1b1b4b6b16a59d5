package org.alignmentmonitor.monitor.access;

import java.nio.file.Path;

/**
 * {@code monitor.auth.*}: with a users file, every HTTP endpoint needs a token (or a review-UI session) of a role the
 * {@link AccessPolicy} allows, and the review UI uses the same users. Without one the API stays open as before.
 *
 * @param usersFile users and the SHA-256 of their tokens, {@code name = <role>:<sha256-hex>}; null turns auth off
 */
public record AccessSettings(Path usersFile) {

    public static final AccessSettings OFF = new AccessSettings(null);

    public boolean enabled() {
        return usersFile != null;
    }
}
