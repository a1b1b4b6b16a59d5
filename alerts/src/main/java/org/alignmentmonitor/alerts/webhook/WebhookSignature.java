package org.alignmentmonitor.alerts.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a receiver can tell that a webhook request came from this monitor and was not replayed.
 *
 * <p>Every request carries two headers:
 * <pre>
 * X-Alignment-Monitor-Timestamp: 1793491200                  (Unix seconds when the attempt was sent)
 * X-Alignment-Monitor-Signature: sha256=5f1c...e9             (lower-case hex)
 * </pre>
 * The signature is HMAC-SHA256, keyed with the endpoint's shared secret (UTF-8 bytes), over the
 * UTF-8 bytes of {@code timestamp + "." + rawBody}, where rawBody is the request body exactly as
 * received. To verify: recompute it from the raw body (before any JSON parsing), compare in constant
 * time, and reject timestamps more than a few minutes from your clock, so a captured request cannot
 * be replayed later. Each retry is signed afresh with its own timestamp. To tell retries and
 * re-deliveries of the same event apart from new events, use the {@code X-Alignment-Monitor-Event-Id}
 * header (also {@code eventId} in generic bodies): delivery is at least once.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Alignment-Monitor-Signature";
    public static final String TIMESTAMP_HEADER = "X-Alignment-Monitor-Timestamp";
    public static final String EVENT_ID_HEADER = "X-Alignment-Monitor-Event-Id";

    private static final String PREFIX = "sha256=";

    private WebhookSignature() {}

    /** The {@value #SIGNATURE_HEADER} value for a body sent at {@code timestampSeconds}. */
    public static String sign(String secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    /** Whether the headers match the raw body; a receiver's check, minus the timestamp freshness test. */
    public static boolean verify(String secret, String timestampHeader, String body, String signatureHeader) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.UTF_8));
    }
}
