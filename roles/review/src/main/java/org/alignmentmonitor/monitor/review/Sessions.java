package org.alignmentmonitor.monitor.review;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.alignmentmonitor.monitor.access.UserDirectory;
import org.alignmentmonitor.monitor.access.ReviewUser;

/** Logged-in browsers: a random session id (the cookie) to the user and the session's CSRF token. In memory only. */
final class Sessions {

    static final Duration TTL = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;

    record Session(ReviewUser user, String csrf, long expiresAt) {

        boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    Sessions(LongSupplier clock) {
        this.clock = clock;
    }

    String open(ReviewUser user) {
        long now = clock.getAsLong();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> s.expiresAt() <= now);
        }
        if (sessions.size() >= MAX_SESSIONS) {
            throw new ReviewHttpException(503, "too many open sessions");
        }
        String id = UserDirectory.newToken();
        sessions.put(id, new Session(user, UserDirectory.newToken(), now + TTL.toMillis()));
        return id;
    }

    Optional<Session> find(String id) {
        if (id == null || id.length() > 100) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s != null && s.expiresAt() <= clock.getAsLong()) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(s);
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }
}
