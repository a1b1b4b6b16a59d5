package org.alignmentmonitor.monitor.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.alignmentmonitor.review.queue.QueueSettings;

/**
 * Settings of the review queue and UI ({@code monitor.review.*}).
 *
 * @param usersFile users and hashed tokens ({@code name = role:sha256-hex}); null creates a demo labeller and lead
 *                  with fresh tokens printed at startup
 * @param goldFile  gold items with known answers (JSON); null uses the small bundled demo set
 * @param sessionKey key that signs the UI's session cookies, shared by every review replica (at least 32 bytes); null
 *                   draws one per process, so a session then works on the replica that opened it only
 */
public record ReviewSettings(boolean enabled, Path usersFile, Path goldFile, Duration lease, double doubleFraction,
                             double goldRate, String sessionKey) {

    /** Shortest session key accepted: the length of an HMAC-SHA256 key that adds no weakness of its own. */
    public static final int MIN_SESSION_KEY_BYTES = 32;

    public ReviewSettings {
        queue("check", lease, doubleFraction, goldRate);
        if (sessionKey != null && sessionKey.getBytes(StandardCharsets.UTF_8).length < MIN_SESSION_KEY_BYTES) {
            throw new IllegalArgumentException("monitor.review.session.key must be at least " + MIN_SESSION_KEY_BYTES + " bytes");
        }
    }

    public static ReviewSettings defaults() {
        return new ReviewSettings(true, null, null, Duration.ofMinutes(15), 0.2, 0.05, null);
    }

    /** The same settings, sessions signed with {@code key}. */
    public ReviewSettings withSessionKey(String key) {
        return new ReviewSettings(enabled, usersFile, goldFile, lease, doubleFraction, goldRate, key);
    }

    /** Never prints the session key. */
    @Override
    public String toString() {
        return "ReviewSettings[enabled=" + enabled + ", usersFile=" + usersFile + ", goldFile=" + goldFile + ", lease=" + lease
                + ", doubleFraction=" + doubleFraction + ", goldRate=" + goldRate + ", sessionKey=" + (sessionKey == null ? "none" : "***") + "]";
    }

    /** The queue's settings; the salt ties the double-labelling choice to the application so a rebuild repeats it. */
    public QueueSettings queue(String applicationId) {
        return queue(applicationId, lease, doubleFraction, goldRate);
    }

    private static QueueSettings queue(String salt, Duration lease, double doubleFraction, double goldRate) {
        return new QueueSettings(lease, doubleFraction, goldRate, "review:" + salt);
    }
}
