package org.alignmentmonitor.monitor.certificates;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Decides, seals and stores certificates; lists and finds the stored ones. */
public final class CertificateIssuer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SigningKey key;
    private final Provenance provenance;
    private final CertificateLog log;
    private final Clock clock;

    public CertificateIssuer(SigningKey key, Provenance provenance, CertificateLog log, Clock clock) {
        this.key = key;
        this.provenance = provenance;
        this.log = log;
        this.clock = clock;
    }

    public Provenance provenance() {
        return provenance;
    }

    public SigningKey key() {
        return key;
    }

    /** Seals the certificate for the given figures, stores it and returns the sealed document. */
    public ObjectNode issue(CertificateBody figures) {
        String id = "cert-" + UUID.randomUUID();
        ObjectNode sealed = CertificateSeal.seal(figures.toJson(id, clock.instant()), key);
        log.append(id, CanonicalJson.write(sealed));
        return sealed;
    }

    /** Every stored certificate as parsed JSON, oldest first. */
    public Map<String, String> all() {
        return log.readAll();
    }

    public Optional<JsonNode> find(String id) {
        String doc = log.readAll().get(id);
        if (doc == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readTree(doc));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored certificate " + id + " is not JSON", e);
        }
    }

    @Override
    public void close() {
        log.close();
    }
}
