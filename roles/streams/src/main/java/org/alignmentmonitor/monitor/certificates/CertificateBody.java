package org.alignmentmonitor.monitor.certificates;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The unsealed content of one certificate type: the shared envelope (type, id, issuedAt, subject, claim,
 * decision, provenance) and the type's figures under a key named after the type. Sealing, storage,
 * listing, the HTML page and offline verification do not depend on the type.
 */
public interface CertificateBody {

    ObjectNode toJson(String id, Instant issuedAt);
}
