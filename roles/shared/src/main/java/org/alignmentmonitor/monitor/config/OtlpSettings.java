package org.alignmentmonitor.monitor.config;

import java.time.Duration;
import java.util.Objects;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;

/**
 * The OTLP/HTTP trace receiver ({@code monitor.otlp.*}).
 *
 * @param bearerToken        required as {@code Authorization: Bearer <token>} when non-empty
 * @param maxBodyBytes       largest request body, compressed or not (413 beyond)
 * @param maxConcurrent      exports processed at once; more get 429 with Retry-After
 * @param ackTimeout         how long an export waits for the broker before answering 503
 */
public record OtlpSettings(boolean enabled, String host, int port, String bearerToken, int maxBodyBytes, int maxConcurrent,
                           ModelVersionRule versionRule, Duration ackTimeout) {

    public static final int DEFAULT_PORT = 4318;
    public static final int DEFAULT_MAX_BODY_BYTES = 8 << 20;

    public OtlpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(versionRule, "versionRule");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("monitor.otlp.port must be 0..65535, got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("monitor.otlp.max.body.bytes must be >= 1024, got " + maxBodyBytes);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("monitor.otlp.max.concurrent must be >= 1, got " + maxConcurrent);
        }
    }

    /** Off: the receiver opens a port only when asked to. */
    public static OtlpSettings disabled() {
        return new OtlpSettings(false, "127.0.0.1", DEFAULT_PORT, "", DEFAULT_MAX_BODY_BYTES, 4, ModelVersionRule.defaultRule(),
                Duration.ofSeconds(30));
    }

    public OtlpSettings withPort(int newPort) {
        return new OtlpSettings(enabled, host, newPort, bearerToken, maxBodyBytes, maxConcurrent, versionRule, ackTimeout);
    }
}
