package org.alignmentmonitor.monitor.config;

import java.nio.file.Path;

/**
 * @param topic   compacted topic of issued certificates ({@code monitor.certificates.topic})
 * @param keyFile the Ed25519 key file ({@code monitor.certificates.key.file}); generated on first
 *                use; null means {@code <data dir>/certificates/signing-key.pem}
 */
public record CertificatesConfig(String topic, Path keyFile) {

    public CertificatesConfig {
        if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,200}")) {
            throw new IllegalArgumentException("invalid certificates topic name '" + topic + "'");
        }
    }

    public Path keyFile(Path dataDir) {
        return keyFile != null ? keyFile : dataDir.resolve("certificates").resolve("signing-key.pem");
    }
}
