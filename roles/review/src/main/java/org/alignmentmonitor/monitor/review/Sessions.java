package org.alignmentmonitor.monitor.review;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.alignmentmonitor.monitor.config.ReviewSettings;
import org.alignmentmonitor.monitor.access.UserDirectory;
import org.alignmentmonitor.monitor.access.ReviewUser;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Logged-in browsers, with no state on the server: the session cookie carries the user's name, the session's CSRF token
 * and its expiry, signed (HMAC-SHA256) with a key every review replica shares, so a session opened on one replica works
 * on any other. The role is looked up at each request, so a user removed from the users file is out at once.
 * Logout clears the browser's cookie only: a copy of the cookie stays valid until it expires, unless the key changes.
 */
final class Sessions {

    static final Duration TTL = Duration.ofHours(12);
    /** HMAC-SHA256 keys shorter than its output weaken it. */
    static final int MIN_KEY_BYTES = ReviewSettings.MIN_SESSION_KEY_BYTES;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_COOKIE = 512;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    record Session(ReviewUser user, String csrf, long expiresAt) {

        boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final SecretKeySpec key;
    private final UserDirectory users;
    private final LongSupplier clock;

    Sessions(byte[] key, UserDirectory users, LongSupplier clock) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("monitor.review.session.key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.users = users;
        this.clock = clock;
    }

    /** Signed with {@code configured}, or with a fresh key when none is set: sessions then hold on this process only. */
    static Sessions of(String configured, UserDirectory users, LongSupplier clock) {
        if (configured != null) {
            return new Sessions(configured.getBytes(StandardCharsets.UTF_8), users, clock);
        }
        byte[] random = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(random);
        return new Sessions(random, users, clock);
    }

    /** The cookie value of a new session. */
    String open(ReviewUser user) {
        String payload = user.name() + '|' + UserDirectory.newToken() + '|' + (clock.getAsLong() + TTL.toMillis());
        return B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + '.' + B64.encodeToString(sign(payload));
    }

    /** The session of a cookie value: empty unless it is well signed, unexpired and its user still exists. */
    Optional<Session> find(String cookie) {
        if (cookie == null || cookie.length() > MAX_COOKIE) {
            return Optional.empty();
        }
        int dot = cookie.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String payload;
        byte[] signature;
        try {
            payload = new String(Base64.getUrlDecoder().decode(cookie.substring(0, dot)), StandardCharsets.UTF_8);
            signature = Base64.getUrlDecoder().decode(cookie.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(sign(payload), signature)) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (expiresAt <= clock.getAsLong()) {
            return Optional.empty();
        }
        return users.user(parts[0]).map(u -> new Session(u, parts[1], expiresAt));
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }
}
