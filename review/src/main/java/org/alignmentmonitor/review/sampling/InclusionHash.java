package org.alignmentmonitor.review.sampling;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The uniform number behind every sampling decision: the first 53 bits of SHA-256(salt, 0, id)
 * as a double in [0, 1). Anyone with the salt can re-derive whether an interaction had to be
 * reviewed, which is what makes the recorded inclusion probability auditable.
 */
public final class InclusionHash {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    });

    private InclusionHash() {
    }

    public static double uniform(String salt, String interactionId) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update(salt.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        byte[] hash = digest.digest(interactionId.getBytes(StandardCharsets.UTF_8));
        long bits = ByteBuffer.wrap(hash, 0, Long.BYTES).getLong() >>> 11;
        return bits * 0x1.0p-53;
    }
}
